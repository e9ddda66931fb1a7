// Least-squares line through a soak series and the verdict on whether it trends upward (a leak or a slowdown) or is flat.

export interface Trend {
  /** Units per minute. */
  slopePerMinute: number;
  intercept: number;
  /** How much of the variation the line explains (0 to 1). */
  r2: number;
  mean: number;
  /** The line's rise over the measured window, as a fraction of the mean. */
  riseFraction: number;
  upward: boolean;
}

/**
 * Fits value = intercept + slope × minutes. A series "trends upward" when the line rises by more than
 * `toleranceFraction` of its mean over the window AND explains at least half the variation (R² ≥ 0.5):
 * a garbage-collected heap saws up and down around a flat line (low R²), a leak climbs steadily.
 */
export function trendOf(points: readonly { minutes: number; value: number }[], toleranceFraction: number): Trend {
  const n = points.length;
  if (n < 3) return { slopePerMinute: 0, intercept: points[0]?.value ?? 0, r2: 0, mean: points[0]?.value ?? 0, riseFraction: 0, upward: false };
  let sx = 0; let sy = 0;
  for (const p of points) { sx += p.minutes; sy += p.value; }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0; let sxx = 0; let syy = 0;
  for (const p of points) {
    sxy += (p.minutes - mx) * (p.value - my);
    sxx += (p.minutes - mx) ** 2;
    syy += (p.value - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = sxx === 0 || syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  const window = points[n - 1].minutes - points[0].minutes;
  const riseFraction = my === 0 ? 0 : (slope * window) / Math.abs(my);
  return { slopePerMinute: slope, intercept, r2, mean: my, riseFraction, upward: riseFraction > toleranceFraction && r2 >= 0.5 };
}
