// Process-wide server metrics: step and patch durations (p50/p99), late steps, event-loop delay, served at GET /metrics.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { TICK_HZ } from "../shared/constants.ts";

// 65536 samples: about 8 s of steps with 125 rooms, so p99 covers a whole benchmark window.
const SAMPLE_CAPACITY = 65_536;
const STEP_PERIOD_MS = 1000 / TICK_HZ;

/** Ring buffer of recent step durations across every room in this process. */
class StepSamples {
  private readonly samples = new Float64Array(SAMPLE_CAPACITY);
  private count = 0;
  private next = 0;
  totalSteps = 0;
  lateSteps = 0;

  add(durationMs: number): void {
    this.samples[this.next] = durationMs;
    this.next = (this.next + 1) % SAMPLE_CAPACITY;
    this.count = Math.min(this.count + 1, SAMPLE_CAPACITY);
    this.totalSteps += 1;
    if (durationMs > STEP_PERIOD_MS) this.lateSteps += 1;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const sorted = Array.from(this.samples.subarray(0, this.count)).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }

  reset(): void {
    this.count = 0;
    this.next = 0;
    this.totalSteps = 0;
    this.lateSteps = 0;
  }
}

export const stepSamples = new StepSamples();
/** State patch broadcasts (encode + send to every client), timed apart from the step they follow. */
export const patchSamples = new StepSamples();
const LOOP_DELAY_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
loopDelay.enable();

/** Times one duration into a sample ring; `stop()` records it. */
class DurationTimer {
  private readonly startedAt = performance.now();
  private readonly samples: StepSamples;
  constructor(samples: StepSamples) {
    this.samples = samples;
  }
  stop(): void {
    this.samples.add(performance.now() - this.startedAt);
  }
}

/** Times one room step. */
export const StepTimer = { start: (): DurationTimer => new DurationTimer(stepSamples) };
/** Times one state patch broadcast. */
export const PatchTimer = { start: (): DurationTimer => new DurationTimer(patchSamples) };

export interface MetricsSnapshot {
  stepP50Ms: number;
  stepP99Ms: number;
  patchP50Ms: number;
  patchP99Ms: number;
  totalPatches: number;
  stepPeriodMs: number;
  totalSteps: number;
  lateSteps: number;
  eventLoopDelayP99Ms: number;
  rssBytes: number;
  heapUsedBytes: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  uptimeSeconds: number;
}

export function metricsSnapshot(): MetricsSnapshot {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    stepP50Ms: stepSamples.percentile(50),
    stepP99Ms: stepSamples.percentile(99),
    patchP50Ms: patchSamples.percentile(50),
    patchP99Ms: patchSamples.percentile(99),
    totalPatches: patchSamples.totalSteps,
    stepPeriodMs: STEP_PERIOD_MS,
    totalSteps: stepSamples.totalSteps,
    lateSteps: stepSamples.lateSteps,
    // The histogram records whole sampling intervals (an idle loop reads ~10 ms): subtract the resolution to get the delay.
    eventLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    uptimeSeconds: process.uptime(),
  };
}

export function resetMetrics(): void {
  stepSamples.reset();
  patchSamples.reset();
  loopDelay.reset();
}
