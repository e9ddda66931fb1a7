// When a capacity step "holds": the one place that says what the clients must see and what the server must not do.
import { PATCH_MS, TICK_HZ } from "../../shared/constants.ts";
import type { BotKind } from "../bots/ipc.ts";
import { round } from "../lib/stats.ts";
import type { CapacityStep } from "./resultTypes.ts";

/**
 * A step holds only when ALL of these are true:
 * - the p5 client (95 % of clients did at least as well) decoded patches at no less than HOLD_TOLERANCE under the
 *   promised rate (Rebound 1000 / PATCH_MS ≈ 30/s, the baseline one per tick) and saw the synced tick counter advance
 *   at no less than HOLD_TOLERANCE under TICK_HZ: what the players get, not what the server believes it sent. A floor,
 *   not a band: the baseline's plain setInterval(1000 / 60) runs at ≈ 61.3/s on Node 24 (whole-ms timers), which is
 *   no shortfall, and a loop catching up after a stall shows as a low window before it shows as a high one;
 * - no step was late on the server, counting steps that ran over a period AND steps that began over 1.5 periods after
 *   they were due on their room's schedule (a held-up loop: the clients feel it even when every step itself is short);
 * - the server's step + patch p99 and its event-loop delay p99 fit in one step period;
 * - the bots kept up (≥ 95 % of their inputs sent, ≤ 1 % of their steps dropped) and all of them are connected.
 * Rates over a window are counted whole patches: a 3 s window reads ± 1 patch (± 1.1 %) at its edges, inside the 2 %.
 */
export const HOLD_TOLERANCE = 0.02;
/** Which client the rates are judged on: the 5th percentile, so one unlucky bot does not decide, but a tail does. */
export const JUDGED_CLIENT = "p5";
/** Below this share of their 60 inputs/s the bots, not the server, are what is measured. */
const BOT_INPUT_FLOOR = 0.95;
const BOT_DROPPED_STEP_PERCENT = 1;
const STEP_PERIOD_MS = 1000 / TICK_HZ;

/** Patches per second each kind promises every client: Rebound patches on its own timer, the baseline after every tick. */
export const PROMISED_PATCH_HZ: Record<BotKind, number> = { rebound: 1000 / PATCH_MS, baseline: TICK_HZ };
export const PROMISED_TICK_HZ = TICK_HZ;

/** The figures of a step the rule reads (everything but its verdict). */
export type MeasuredStep = Omit<CapacityStep, "held" | "problems" | "limitedBy" | "remeasured">;

/** The rate reached the target, less the tolerance. */
export function keptRate(rate: number, target: number): boolean {
  return rate >= target * (1 - HOLD_TOLERANCE);
}

/** The bots themselves fell behind: their inputs or steps, or their sockets. */
export function botsFellBehind(step: MeasuredStep): boolean {
  return step.inputsPerBotPerSecond < TICK_HZ * BOT_INPUT_FLOOR || step.botDroppedStepPercent > BOT_DROPPED_STEP_PERCENT;
}

/** The server's own work passed the step period. */
export function serverOverran(step: MeasuredStep): boolean {
  return step.stepPlusPatchP99Ms > STEP_PERIOD_MS;
}

/** Why a step did not hold (empty when it held). */
export function holdProblems(step: MeasuredStep, kind: BotKind): string[] {
  const problems: string[] = [];
  const patches = step.clientPatchesPerSecond[JUDGED_CLIENT];
  const ticks = step.clientTicksPerSecond[JUDGED_CLIENT];
  if (!keptRate(patches, PROMISED_PATCH_HZ[kind])) {
    problems.push(`${JUDGED_CLIENT} client got ${round(patches, 1)} patches/s (promised ${round(PROMISED_PATCH_HZ[kind], 1)}, − ${HOLD_TOLERANCE * 100} % at most)`);
  }
  if (!keptRate(ticks, PROMISED_TICK_HZ)) {
    problems.push(`${JUDGED_CLIENT} client saw ${round(ticks, 1)} ticks/s (promised ${PROMISED_TICK_HZ}, − ${HOLD_TOLERANCE * 100} % at most)`);
  }
  if (step.lateSteps + step.lateStarts > 0) problems.push(`${step.lateSteps} steps overran a period and ${step.lateStarts} started late`);
  if (serverOverran(step)) problems.push(`step+patch p99 ${round(step.stepPlusPatchP99Ms)} ms is over the ${round(STEP_PERIOD_MS)} ms step period`);
  if (step.eventLoopDelayP99Ms > STEP_PERIOD_MS) problems.push(`server event loop p99 delay ${round(step.eventLoopDelayP99Ms)} ms: steps ran late`);
  if (botsFellBehind(step)) {
    problems.push(`bots could not keep up: ${round(step.inputsPerBotPerSecond, 1)} inputs/s, ${round(step.botDroppedStepPercent, 1)}% steps dropped`);
  }
  if (step.joinFailures > 0 || step.connectedBots < step.bots) problems.push(`${step.bots - step.connectedBots} bots not connected (${step.joinFailures} join failures)`);
  return problems;
}
