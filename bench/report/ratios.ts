// Rebound ÷ naive baseline for CPU per client, bytes per client and latency, from figures measured in the same run.
import type { BandwidthFigures, CapacityFigures, CapacityStep, LatencyFigures, Ratios } from "./resultTypes.ts";

/** The step to compare CPU at: the largest bot count both servers held, else the smallest both measured. */
function comparableSteps(rebound: CapacityFigures, baseline: CapacityFigures): [CapacityStep, CapacityStep] | null {
  const pairs: [CapacityStep, CapacityStep][] = [];
  for (const step of rebound.steps) {
    const other = baseline.steps.find((candidate) => candidate.bots === step.bots);
    if (other) pairs.push([step, other]);
  }
  const bothHeld = pairs.filter(([a, b]) => a.held && b.held);
  if (bothHeld.length > 0) return bothHeld[bothHeld.length - 1];
  return pairs[0] ?? null;
}

export function computeRatios(
  runId: string,
  rebound: { capacity: CapacityFigures; bandwidth: BandwidthFigures; latency: LatencyFigures },
  baseline: { capacity: CapacityFigures; bandwidth: BandwidthFigures; latency: LatencyFigures },
): Ratios {
  const pair = comparableSteps(rebound.capacity, baseline.capacity);
  return {
    runId,
    cpuComparedAtBots: pair ? pair[0].bots : 0,
    cpuPerClient: pair ? pair[0].cpuMsPerClientSecond / pair[1].cpuMsPerClientSecond : Number.NaN,
    cpuPerExtraClient: rebound.capacity.marginalCpuMsPerClientSecond / baseline.capacity.marginalCpuMsPerClientSecond,
    bytesDownPerClient: rebound.bandwidth.bytesDownPerClientPerSecond / baseline.bandwidth.bytesDownPerClientPerSecond,
    bytesUpPerClient: rebound.bandwidth.bytesUpPerClientPerSecond / baseline.bandwidth.bytesUpPerClientPerSecond,
    inputToAckP50: rebound.latency.inputToAckMs.p50 / baseline.latency.inputToAckMs.p50,
    serverChangeToClientP50: rebound.latency.serverChangeToClientMs.p50 / baseline.latency.serverChangeToClientMs.p50,
  };
}
