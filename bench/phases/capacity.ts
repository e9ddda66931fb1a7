// Capacity: steps up the number of 60 Hz bots in 4v4 rooms on one server process until the server or the bots stop keeping up.
import { TICK_HZ } from "../../shared/constants.ts";
import type { BotKind, FleetPlan } from "../bots/ipc.ts";
import { aggregate } from "../lib/aggregate.ts";
import type { BenchConfig } from "../lib/config.ts";
import { FleetGroup } from "../lib/fleetGroup.ts";
import { cpuPercent, machineBusyPercent, sampleMachine, sampleProcess, systemCpuPercent } from "../lib/procStats.ts";
import { readServerMetrics, resetServerMetrics } from "../../harness/serverMetrics.ts";
import { CHILD_METRICS_TOKEN, type ChildServer } from "../../harness/childServer.ts";
import { startServer } from "../lib/servers.ts";
import { round } from "../lib/stats.ts";
import { sleep, wallNow } from "../lib/wallClock.ts";
import type { CapacityFigures, CapacityStep } from "../report/resultTypes.ts";

const BOTS_PER_ROOM = 8;
const STEP_PERIOD_MS = 1000 / TICK_HZ;
/** Snapshots per second each kind promises: Rebound patches at 30 Hz, the baseline sends every tick. */
const EXPECTED_SNAPSHOT_HZ: Record<BotKind, number> = { rebound: 30, baseline: 60 };

function plansFor(kind: BotKind, endpoint: string, rooms: number, config: BenchConfig, stepIndex: number): FleetPlan[] {
  const roomsPerProcess = Math.max(1, Math.floor(config.botsPerProcess / BOTS_PER_ROOM));
  const plans: FleetPlan[] = [];
  for (let left = rooms, p = 0; left > 0; left -= roomsPerProcess, p++) {
    plans.push({
      kind, endpoint, rooms: Math.min(left, roomsPerProcess), botsPerRoom: BOTS_PER_ROOM, spectators: 0, pollIntervalsMs: [],
      simulatedOneWayMs: 0, namePrefix: `c${stepIndex}p${p}b`, joinConcurrency: 4, maxLifetimeMs: 20 * 60_000,
    });
  }
  return plans;
}

/** Why a step did not hold (empty when it held). */
function problemsOf(step: Omit<CapacityStep, "held" | "problems" | "limitedBy" | "remeasured">, kind: BotKind): string[] {
  const problems: string[] = [];
  if (step.stepPlusPatchP99Ms > STEP_PERIOD_MS) problems.push(`step+patch p99 ${round(step.stepPlusPatchP99Ms)} ms is over the ${round(STEP_PERIOD_MS)} ms step period`);
  if (step.eventLoopDelayP99Ms > STEP_PERIOD_MS) problems.push(`server event loop p99 delay ${round(step.eventLoopDelayP99Ms)} ms: steps ran late`);
  if (step.lateSteps > 0) problems.push(`${step.lateSteps} steps took longer than a period`);
  if (step.ticksPerSecond < TICK_HZ * 0.95) problems.push(`server ticked ${round(step.ticksPerSecond, 1)}/s`);
  if (step.snapshotsPerBotPerSecond < EXPECTED_SNAPSHOT_HZ[kind] * 0.9) problems.push(`clients got ${round(step.snapshotsPerBotPerSecond, 1)} snapshots/s`);
  if (step.inputsPerBotPerSecond < TICK_HZ * 0.95 || step.botDroppedStepPercent > 1) {
    problems.push(`bots could not keep up: ${round(step.inputsPerBotPerSecond, 1)} inputs/s, ${round(step.botDroppedStepPercent, 1)}% steps dropped`);
  }
  if (step.joinFailures > 0 || step.connectedBots < step.bots) problems.push(`${step.bots - step.connectedBots} bots not connected (${step.joinFailures} join failures)`);
  return problems;
}

/** Above this share of all cores busy, a lagging server says more about the shared machine than about itself. */
const MACHINE_SATURATED_PERCENT = 90;

/** Per the issue, a run stops where the server's step+patch passes the period or the bots cannot keep up. */
function mustStop(step: Omit<CapacityStep, "held" | "problems" | "limitedBy" | "remeasured">): boolean {
  const botsFailed = step.inputsPerBotPerSecond < TICK_HZ * 0.95 || step.botDroppedStepPercent > 1 || step.connectedBots < step.bots;
  return botsFailed || step.stepPlusPatchP99Ms > STEP_PERIOD_MS;
}

/** What held a failed step back: the server's own work, the bots, or a machine with no CPU left for either. */
function limitOf(step: Omit<CapacityStep, "held" | "problems" | "limitedBy" | "remeasured">, problems: readonly string[]): CapacityStep["limitedBy"] {
  if (problems.length === 0) return "none";
  if (step.stepPlusPatchP99Ms > STEP_PERIOD_MS || step.serverCpuPercent >= 90) return "server";
  if (step.machineBusyPercent >= MACHINE_SATURATED_PERCENT) return "machine";
  if (step.inputsPerBotPerSecond < TICK_HZ * 0.95 || step.botDroppedStepPercent > 1) return "bots";
  return "server";
}

/** Consecutive steps that may fail only because the shared machine was saturated before the run stops. */
const MAX_MACHINE_LIMITED = 2;

/**
 * Server CPU as a straight line in the number of players, least squares over the measured steps:
 * a fixed cost (timers, listing, metrics) plus a marginal cost per player. Extrapolated to one whole core.
 */
export function projectCapacity(steps: readonly CapacityStep[]): Pick<CapacityFigures, "projectedPlayersPerCore" | "marginalCpuMsPerClientSecond" | "fixedCpuPercent" | "projection"> {
  // Steps where the server ran every tick (whether or not the bots kept up): its CPU then paid for all its work.
  // A step with dropped ticks (the naive loop under load) did less work than its player count implies.
  const measured = steps.filter((step) => Number.isFinite(step.serverCpuPercent));
  const complete = measured.filter((step) => step.ticksPerSecond >= TICK_HZ * 0.95);
  const points = complete.length >= 2 ? complete : measured;
  if (points.length === 0) return { projectedPlayersPerCore: Number.NaN, marginalCpuMsPerClientSecond: Number.NaN, fixedCpuPercent: Number.NaN, projection: "no step measured" };
  if (points.length === 1) {
    const only = points[0];
    return {
      projectedPlayersPerCore: (only.bots * 100) / only.serverCpuPercent,
      marginalCpuMsPerClientSecond: only.cpuMsPerClientSecond,
      fixedCpuPercent: 0,
      projection: `one step (${only.bots} bots), all of its CPU counted per player (an overestimate of the cost)`,
    };
  }
  const meanX = points.reduce((sum, p) => sum + p.bots, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.serverCpuPercent, 0) / points.length;
  const sxy = points.reduce((sum, p) => sum + (p.bots - meanX) * (p.serverCpuPercent - meanY), 0);
  const sxx = points.reduce((sum, p) => sum + (p.bots - meanX) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = Math.max(0, meanY - slope * meanX);
  return {
    projectedPlayersPerCore: slope > 0 ? (100 - intercept) / slope : Number.NaN,
    marginalCpuMsPerClientSecond: slope * 10,
    fixedCpuPercent: intercept,
    projection: `least-squares line through ${points.length} steps${points === complete ? " where the server ran every tick" : ""} (${points[0].bots}–${points[points.length - 1].bots} bots), extrapolated to 100 % of one core`,
  };
}

interface StepShape {
  bots: number;
  rooms: number;
  joinSeconds: number;
  joinFailures: number;
}

/** One measuring window at the current size: server metrics and /proc CPU around the bots' window. */
async function measureStep(kind: BotKind, server: ChildServer, group: FleetGroup, config: BenchConfig, shape: StepShape): Promise<CapacityStep> {
  await resetServerMetrics(server.url, CHILD_METRICS_TOKEN);
  const cpuFrom = sampleProcess(server.pid);
  const machineFrom = sampleMachine();
  await group.begin();
  await sleep(config.capacityWindowMs);
  const { reports, botCpuPercent } = await group.end();
  const cpuTo = sampleProcess(server.pid);
  const machineTo = sampleMachine();
  const metrics = await readServerMetrics(server.url, CHILD_METRICS_TOKEN);
  const totals = aggregate(reports);
  const serverCpuPercent = cpuPercent(cpuFrom, cpuTo);
  const measured: Omit<CapacityStep, "held" | "problems" | "limitedBy" | "remeasured"> = {
    ...shape,
    botProcesses: group.processes.length,
    connectedBots: totals.connected,
    stepP50Ms: metrics.stepP50Ms,
    stepP99Ms: metrics.stepP99Ms,
    patchP50Ms: metrics.patchP50Ms,
    patchP99Ms: metrics.patchP99Ms,
    stepPlusPatchP99Ms: metrics.stepP99Ms + metrics.patchP99Ms,
    lateSteps: metrics.lateSteps,
    lateStarts: metrics.lateStarts,
    totalSteps: metrics.totalSteps,
    eventLoopDelayP99Ms: metrics.eventLoopDelayP99Ms,
    serverCpuPercent,
    serverSystemCpuPercent: systemCpuPercent(cpuFrom, cpuTo),
    cpuMsPerClientSecond: (serverCpuPercent * 10) / shape.bots,
    serverRssMB: cpuTo.rssBytes / 1024 / 1024,
    ticksPerSecond: totals.ticksPerSecond,
    snapshotsPerBotPerSecond: totals.snapshotsPerClientPerSecond,
    inputsPerBotPerSecond: totals.inputsPerClientPerSecond,
    botDroppedStepPercent: totals.droppedStepPercent,
    botCpuPercent,
    botEventLoopDelayP99Ms: totals.botEventLoopDelayP99Ms,
    machineBusyPercent: machineBusyPercent(machineFrom, machineTo),
  };
  const problems = problemsOf(measured, kind);
  return { ...measured, held: problems.length === 0, problems, limitedBy: limitOf(measured, problems), remeasured: false };
}

export async function runCapacity(kind: BotKind, steps: readonly number[], config: BenchConfig, log: (line: string) => void): Promise<CapacityFigures> {
  const server = await startServer(kind);
  const group = new FleetGroup();
  const results: CapacityStep[] = [];
  let rooms = 0;
  let machineLimited = 0;
  let stopReason = "no step measured";
  try {
    for (const [index, target] of steps.entries()) {
      const addRooms = Math.ceil(target / BOTS_PER_ROOM) - rooms;
      if (addRooms <= 0) continue;
      const joinStarted = wallNow();
      const plans = plansFor(kind, server.url, addRooms, config, index);
      let readies: Awaited<ReturnType<FleetGroup["add"]>>[];
      try {
        readies = await Promise.all(plans.map((plan) => group.add(plan, 60_000 + plan.rooms * BOTS_PER_ROOM * 150)));
      } catch (error) {
        stopReason = `stopped at ${target} bots: the bots could not join (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
        log(`  ${kind}: ${stopReason}`);
        break;
      }
      rooms += addRooms;
      const joinSeconds = (wallNow() - joinStarted) / 1000;
      const joinFailures = readies.reduce((sum, ready) => sum + ready.joinFailures, 0);
      await sleep(config.settleMs);
      const bots = rooms * BOTS_PER_ROOM;
      let step: CapacityStep;
      try {
        step = await measureStep(kind, server, group, config, { bots, rooms, joinSeconds, joinFailures });
        if (!step.held) {
          // The machine is shared: one window spoiled by someone else's burst is measured again before it counts.
          log(`  ${kind} ${bots} bots: not held (${step.problems.join("; ")}); measuring again`);
          step = { ...(await measureStep(kind, server, group, config, { bots, rooms, joinSeconds, joinFailures })), remeasured: true };
        }
      } catch (error) {
        // Bot processes too starved to even answer: the bots cannot keep up, by definition.
        stopReason = `stopped at ${bots} bots (limited by bots): the bot processes stopped answering (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
        log(`  ${kind} ${bots} bots: ${stopReason}`);
        break;
      }
      results.push(step);
      log(`  ${kind} ${bots} bots: server CPU ${round(step.serverCpuPercent, 1)}%, step p99 ${round(step.stepP99Ms, 3)} ms, patch p99 ${round(step.patchP99Ms, 3)} ms, `
        + `loop p99 ${round(step.eventLoopDelayP99Ms, 1)} ms, ${round(step.ticksPerSecond, 1)} ticks/s, bots ${round(step.botCpuPercent)}% CPU, machine ${round(step.machineBusyPercent)}% busy`
        + (step.held ? "" : ` — stop: ${step.problems.join("; ")}`));
      if (!step.held) {
        // A step whose only fault is lateness on a machine saturated by other work is recorded, and the next
        // size is tried (twice at most); otherwise the run stops here.
        machineLimited = step.limitedBy === "machine" && !mustStop(step) ? machineLimited + 1 : MAX_MACHINE_LIMITED;
        stopReason = `stopped at ${bots} bots (limited by ${step.limitedBy}): ${step.problems.join("; ")}`;
        if (machineLimited >= MAX_MACHINE_LIMITED || index === steps.length - 1) break;
        log(`  ${kind} ${bots} bots: the shared machine was saturated; trying the next size`);
      } else {
        machineLimited = 0;
        stopReason = `held ${bots} bots, the largest configured step`;
      }
    }
  } finally {
    await group.stop();
    await server.stop();
  }
  const held = results.filter((step) => step.held);
  return { steps: results, maxHeldBots: held.length > 0 ? held[held.length - 1].bots : 0, ...projectCapacity(results), stopReason };
}
