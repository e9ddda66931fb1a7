// Folds the reports of several bot processes into per-client rates and latency summaries.
import type { FleetReport } from "../bots/ipc.ts";
import { spreadOf, summarize, type Spread, type Summary } from "./stats.ts";

export interface FleetTotals {
  players: number;
  connected: number;
  windowSeconds: number;
  bytesDownPerClientPerSecond: number;
  bytesUpPerClientPerSecond: number;
  framesDownPerClientPerSecond: number;
  inputsPerClientPerSecond: number;
  snapshotsPerClientPerSecond: number;
  ticksPerSecond: number;
  /** Across the playing clients: patches each decoded per second, and the tick rate each saw (worst, p5, median). */
  clientPatchesPerSecond: Spread;
  clientTicksPerSecond: Spread;
  droppedStepPercent: number;
  botEventLoopDelayP99Ms: number;
  ack: Summary;
  staleness: Summary;
  calibrationSlackMs: number | null;
}

export function aggregate(reports: readonly FleetReport[]): FleetTotals {
  let players = 0;
  let connected = 0;
  let clientSeconds = 0;
  const sums = { bytesDown: 0, bytesUp: 0, framesDown: 0, inputs: 0, snapshots: 0, due: 0, dropped: 0 };
  let tickWeighted = 0;
  let loopDelay = 0;
  let windowMs = 0;
  const ack: number[] = [];
  const staleness: number[] = [];
  const slacks: number[] = [];
  const patchRates: number[] = [];
  const tickRates: number[] = [];
  for (const report of reports) {
    players += report.players;
    connected += report.connected;
    clientSeconds += (report.players * report.windowMs) / 1000;
    sums.bytesDown += report.bytesDown;
    sums.bytesUp += report.bytesUp;
    sums.framesDown += report.framesDown;
    sums.inputs += report.inputs;
    sums.snapshots += report.snapshots;
    sums.due += report.driver.dueSteps;
    sums.dropped += report.driver.droppedSteps;
    tickWeighted += report.ticksPerSecond * report.players;
    loopDelay = Math.max(loopDelay, report.eventLoopDelayP99Ms);
    windowMs = Math.max(windowMs, report.windowMs);
    for (const value of report.ackSamples) ack.push(value);
    for (const value of report.stalenessSamples) staleness.push(value);
    for (const value of report.calibrationSlackMs) slacks.push(value);
    for (const value of report.botPatchesPerSecond) patchRates.push(value);
    for (const value of report.botTicksPerSecond) tickRates.push(value);
  }
  const per = (value: number): number => (clientSeconds > 0 ? value / clientSeconds : Number.NaN);
  return {
    players,
    connected,
    windowSeconds: windowMs / 1000,
    bytesDownPerClientPerSecond: per(sums.bytesDown),
    bytesUpPerClientPerSecond: per(sums.bytesUp),
    framesDownPerClientPerSecond: per(sums.framesDown),
    inputsPerClientPerSecond: per(sums.inputs),
    snapshotsPerClientPerSecond: per(sums.snapshots),
    ticksPerSecond: players > 0 ? tickWeighted / players : Number.NaN,
    clientPatchesPerSecond: spreadOf(patchRates),
    clientTicksPerSecond: spreadOf(tickRates),
    droppedStepPercent: sums.due > 0 ? (sums.dropped / sums.due) * 100 : 0,
    botEventLoopDelayP99Ms: loopDelay,
    ack: summarize(ack),
    staleness: summarize(staleness),
    calibrationSlackMs: slacks.length > 0 ? summarize(slacks).p50 : null,
  };
}
