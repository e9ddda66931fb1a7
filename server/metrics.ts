// Process-wide server metrics on a private prom-client registry: step and patch histograms, step and late-step counters, room and client gauges, Node's default series.
import { collectDefaultMetrics, Counter, exponentialBuckets, Gauge, Histogram, Registry } from "prom-client";
import { TICK_HZ } from "../shared/constants.ts";
import {
  CONNECTED_CLIENTS, EVENT_LOOP_RESOLUTION_MS, LATE_REASON, LATE_STEPS_TOTAL, PATCH_SECONDS, ROOMS, STEP_SECONDS, STEPS_TOTAL,
} from "./metricsContract.ts";

/** The default series whose collection sets every nodejs_eventloop_lag_* gauge, and then restarts their histogram. */
const EVENT_LOOP_COLLECTOR = "nodejs_eventloop_lag_seconds";
const STEP_PERIOD_MS = 1000 / TICK_HZ;
/** A step that begins this long after it was due (its room's schedule: one period per step) started late. */
const LATE_START_MS = 1.5 * STEP_PERIOD_MS;
/** Colyseus's fixed timestep runs at most 5 steps to catch up and drops the rest: past that its schedule restarts. */
const CATCH_UP_MS = 5 * STEP_PERIOD_MS;
// 0.05 ms × 1.25ⁿ up to ~190 ms: each bucket 25 % wider than the last, so an interpolated p99 of a
// sub-millisecond step stays within a few hundredths of a millisecond, and overruns of several periods (a
// stalled or starved process) are still told apart rather than all read as the top bound.
const DURATION_BUCKETS = exponentialBuckets(0.000_05, 1.25, 38);

/** Private, not prom-client's global one: the test process and the bench baseline import this module beside other code. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });

const registers = [metricsRegistry];
const stepSeconds = new Histogram({ name: STEP_SECONDS, help: "Duration of one room's fixed step.", buckets: DURATION_BUCKETS, registers });
const patchSeconds = new Histogram({
  name: PATCH_SECONDS, help: "Duration of one state patch broadcast (encode and send to every client).", buckets: DURATION_BUCKETS, registers,
});
const steps = new Counter({ name: STEPS_TOTAL, help: "Fixed steps run, every room of this process.", registers });
const lateSteps = new Counter({
  name: LATE_STEPS_TOTAL,
  help: `Late steps: reason="${LATE_REASON.overran}" ran longer than one step period, reason="${LATE_REASON.startedLate}" began over 1.5 periods after it was due on its room's schedule.`,
  labelNames: ["reason"] as const,
  registers,
});

export interface RoomCount {
  rooms: number;
  clients: number;
}
let countRooms = (): RoomCount => ({ rooms: 0, clients: 0 });
/** Tells the room and client gauges where to read their numbers (the Colyseus server and the bench baseline keep rooms differently). */
export function countRoomsWith(read: () => RoomCount): void {
  countRooms = read;
}
new Gauge({ name: ROOMS, help: "Rooms open in this process.", registers, collect() { this.set(countRooms().rooms); } });
new Gauge({ name: CONNECTED_CLIENTS, help: "Clients connected to this process's rooms.", registers, collect() { this.set(countRooms().clients); } });

/** Every series exists from the start and after a reset (prom-client's reset removes them), so a reader sees 0 rather than nothing. */
function zeroSeries(): void {
  stepSeconds.zero({});
  patchSeconds.zero({});
  for (const reason of Object.values(LATE_REASON)) lateSteps.inc({ reason }, 0);
}
zeroSeries();

/**
 * Times one room's steps, and counts a step that began over 1.5 periods after it was due. Due times run one period
 * apart from the room's first step. Why not the gap since the previous step: Colyseus's fixed timestep runs from a
 * setInterval that fires about every 16 ms (61.8 times a second here) and steps on an accumulator, so twice a second a
 * callback has no step due and the next step comes 32 ms after the last one — on schedule, not late (that read 3.7 %
 * of a quiet server's steps as late). A room ahead of its schedule is re-based (earliness is not banked); one further
 * behind than the framework catches up restarts its schedule (after counting that step late).
 */
export class StepTimer {
  // NaN until the first step: a room's first step is never "late".
  private dueMs = Number.NaN;

  /** Call as a step begins; call what it returns as the step ends. */
  start(): () => void {
    const startedAt = performance.now();
    const behind = startedAt - this.dueMs;
    if (behind > LATE_START_MS) lateSteps.inc({ reason: LATE_REASON.startedLate });
    this.dueMs = (Number.isNaN(behind) || behind < 0 || behind > CATCH_UP_MS ? startedAt : this.dueMs) + STEP_PERIOD_MS;
    return () => {
      const ms = performance.now() - startedAt;
      stepSeconds.observe(ms / 1000);
      steps.inc();
      if (ms > STEP_PERIOD_MS) lateSteps.inc({ reason: LATE_REASON.overran });
    };
  }
}

/** Times one state patch broadcast: call what it returns once the patch is sent. */
export function timePatch(): () => void {
  const startedAt = performance.now();
  return () => patchSeconds.observe((performance.now() - startedAt) / 1000);
}

/** Starts a new measuring window: Rebound's own series from zero, the event-loop delay from now. Process totals (CPU, memory) keep counting. */
export async function resetMetrics(): Promise<void> {
  for (const metric of [stepSeconds, patchSeconds, steps, lateSteps]) metric.reset();
  zeroSeries();
  // prom-client restarts its event-loop delay histogram each time it collects it: collecting now opens the window.
  await metricsRegistry.getSingleMetric(EVENT_LOOP_COLLECTOR)?.get();
}
