// Small statistics helpers for the benchmark: percentiles, summaries and a bounded reservoir of samples.

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of `values` (need not be sorted); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** How a rate spread over clients: the worst one, the 5th percentile and the median. */
export interface Spread {
  min: number;
  p5: number;
  p50: number;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { min: Number.NaN, p5: Number.NaN, p50: Number.NaN };
  return { min: Math.min(...values), p5: percentile(values, 5), p50: percentile(values, 50) };
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, mean: Number.NaN, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  let sum = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    sum += value;
    if (value > max) max = value;
  }
  return { count: values.length, mean: sum / values.length, p50: percentile(values, 50), p99: percentile(values, 99), max };
}

/** Keeps a uniform random sample of at most `capacity` values from an unbounded stream (Algorithm R). */
export class Reservoir {
  readonly values: number[] = [];
  private seen = 0;
  private readonly capacity: number;
  private state: number;

  constructor(capacity: number, seed = 1) {
    this.capacity = capacity;
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32: deterministic and cheap; the quality needed here is modest. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }

  add(value: number): void {
    this.seen += 1;
    if (this.values.length < this.capacity) {
      this.values.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.capacity) this.values[slot] = value;
  }

  get count(): number {
    return this.seen;
  }

  clear(): void {
    this.values.length = 0;
    this.seen = 0;
  }
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
