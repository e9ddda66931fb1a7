// Players per core, projected from the measured marginal cost of a client and the idle server's cost measured on its own.
import { round } from "../lib/stats.ts";
import type { CapacityFigures, CapacityStep } from "./resultTypes.ts";
import { keptRate, PROMISED_TICK_HZ } from "./holdRule.ts";

export type Projection = Pick<CapacityFigures, "projectedPlayersPerCore" | "marginalCpuMsPerClientSecond" | "projection">;

/** % of a core per client → CPU ms per client per second. */
const MS_PER_PERCENT = 10;

/** Least squares through the origin of (CPU − idle) against clients: the cost the clients add, with nothing left to a "fixed" intercept. */
function slopeThroughOrigin(points: readonly CapacityStep[], idleCpuPercent: number): number {
  const sxy = points.reduce((sum, p) => sum + p.bots * (p.serverCpuPercent - idleCpuPercent), 0);
  const sxx = points.reduce((sum, p) => sum + p.bots ** 2, 0);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

/**
 * The cost per client is not a straight line (it falls with load), so a fitted intercept is no "fixed cost": it once
 * put 9–18 % of a core there while an idle server costs under 1 %. Instead:
 * - marginal cost: the slope between the two largest steps that held (what the next clients cost); without two held
 *   steps, a fit through the origin of (CPU − idle) over the steps where the clients saw every tick;
 * - projection: from the largest held step (or the fitted line), that marginal cost until 100 % of one core.
 */
export function projectCapacity(steps: readonly CapacityStep[], idleCpuPercent: number): Projection {
  const measured = steps.filter((step) => Number.isFinite(step.serverCpuPercent) && step.bots > 0);
  const held = measured.filter((step) => step.held);
  if (held.length >= 2) {
    const [a, b] = held.slice(-2);
    const slope = (b.serverCpuPercent - a.serverCpuPercent) / (b.bots - a.bots);
    if (slope > 0) {
      return {
        projectedPlayersPerCore: b.bots + (100 - b.serverCpuPercent) / slope,
        marginalCpuMsPerClientSecond: slope * MS_PER_PERCENT,
        projection: `marginal cost between the two largest held steps (${a.bots} and ${b.bots} bots), from ${b.bots} bots at ${round(b.serverCpuPercent, 1)} % until 100 % of one core`,
      };
    }
  }
  // Steps where the server ran every tick paid for all their work; a step with dropped ticks did less than its bots imply.
  const everyTick = measured.filter((step) => keptRate(step.clientTicksPerSecond.p50, PROMISED_TICK_HZ));
  const points = held.length > 0 ? held : everyTick.length > 0 ? everyTick : measured;
  if (points.length === 0 || !Number.isFinite(idleCpuPercent)) {
    return { projectedPlayersPerCore: Number.NaN, marginalCpuMsPerClientSecond: Number.NaN, projection: "no step or no idle cost measured" };
  }
  const slope = slopeThroughOrigin(points, idleCpuPercent);
  const which = points === held ? "held" : points === everyTick ? "where the clients saw every tick" : "measured (none held or ran every tick)";
  return {
    projectedPlayersPerCore: slope > 0 ? (100 - idleCpuPercent) / slope : Number.NaN,
    marginalCpuMsPerClientSecond: slope * MS_PER_PERCENT,
    projection: `fit through the origin of (CPU − idle) over ${points.length} step${points.length === 1 ? "" : "s"} ${which} `
      + `(${points.map((p) => p.bots).join(", ")} bots), from the idle server until 100 % of one core`,
  };
}
