// Capacity: steps up the number of 60 Hz bots in 4v4 rooms on one server process until the server or the bots stop keeping up.
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
import { botsFellBehind, holdProblems, serverOverran, type MeasuredStep } from "../report/holdRule.ts";
import { projectCapacity } from "../report/projection.ts";
import type { CapacityFigures, CapacityStep } from "../report/resultTypes.ts";

const BOTS_PER_ROOM = 8;
/** Before the idle window: the server's start-up work (imports, JIT, first timers) is not its idle cost. */
const IDLE_SETTLE_MS = 1000;

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

/** Above this share of all cores busy, a lagging server says more about the shared machine than about itself. */
const MACHINE_SATURATED_PERCENT = 90;

/** Per the issue, a run stops where the server's step+patch passes the period or the bots cannot keep up. */
function mustStop(step: MeasuredStep): boolean {
  return botsFellBehind(step) || step.connectedBots < step.bots || serverOverran(step);
}

/** What held a failed step back: the server's own work, the bots, or a machine with no CPU left for either. */
function limitOf(step: MeasuredStep, problems: readonly string[]): CapacityStep["limitedBy"] {
  if (problems.length === 0) return "none";
  if (serverOverran(step) || step.serverCpuPercent >= 90) return "server";
  if (step.machineBusyPercent >= MACHINE_SATURATED_PERCENT) return "machine";
  if (botsFellBehind(step)) return "bots";
  return "server";
}

/** Consecutive steps that may fail only because the shared machine was saturated before the run stops. */
const MAX_MACHINE_LIMITED = 2;

interface StepShape {
  bots: number;
  rooms: number;
  joinSeconds: number;
  joinFailures: number;
}

/** The server with no clients: its CPU over a few seconds, before the first bots join (% of one core). */
async function measureIdle(server: ChildServer, windowMs: number): Promise<number> {
  await sleep(IDLE_SETTLE_MS);
  const from = sampleProcess(server.pid);
  await sleep(windowMs);
  return cpuPercent(from, sampleProcess(server.pid));
}

/** One measuring window at the current size: server metrics and /proc CPU around the bots' window. */
async function measureStep(kind: BotKind, server: ChildServer, group: FleetGroup, config: BenchConfig, shape: StepShape): Promise<CapacityStep> {
  await resetServerMetrics(server.url, CHILD_METRICS_TOKEN);
  const metricsFrom = wallNow();
  const cpuFrom = sampleProcess(server.pid);
  const machineFrom = sampleMachine();
  await group.begin();
  await sleep(config.capacityWindowMs);
  const { reports, botCpuPercent } = await group.end();
  const cpuTo = sampleProcess(server.pid);
  const machineTo = sampleMachine();
  // The server's counters cover reset → read, a little longer than the bots' window (both ends timed on this side).
  const metricsTo = wallNow();
  const metrics = await readServerMetrics(server.url, CHILD_METRICS_TOKEN);
  const perRoomSecond = (count: number): number => count / shape.rooms / ((metricsTo - metricsFrom) / 1000);
  const totals = aggregate(reports);
  const serverCpuPercent = cpuPercent(cpuFrom, cpuTo);
  const measured: MeasuredStep = {
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
    serverTicksPerRoomPerSecond: perRoomSecond(metrics.totalSteps),
    serverPatchesPerRoomPerSecond: perRoomSecond(metrics.totalPatches),
    eventLoopDelayP99Ms: metrics.eventLoopDelayP99Ms,
    serverCpuPercent,
    serverSystemCpuPercent: systemCpuPercent(cpuFrom, cpuTo),
    cpuMsPerClientSecond: (serverCpuPercent * 10) / shape.bots,
    serverRssMB: cpuTo.rssBytes / 1024 / 1024,
    ticksPerSecond: totals.ticksPerSecond,
    snapshotsPerBotPerSecond: totals.snapshotsPerClientPerSecond,
    clientPatchesPerSecond: totals.clientPatchesPerSecond,
    clientTicksPerSecond: totals.clientTicksPerSecond,
    inputsPerBotPerSecond: totals.inputsPerClientPerSecond,
    botDroppedStepPercent: totals.droppedStepPercent,
    botCpuPercent,
    botEventLoopDelayP99Ms: totals.botEventLoopDelayP99Ms,
    machineBusyPercent: machineBusyPercent(machineFrom, machineTo),
  };
  const problems = holdProblems(measured, kind);
  return { ...measured, held: problems.length === 0, problems, limitedBy: limitOf(measured, problems), remeasured: false };
}

export async function runCapacity(kind: BotKind, steps: readonly number[], config: BenchConfig, log: (line: string) => void): Promise<CapacityFigures> {
  const server = await startServer(kind);
  const group = new FleetGroup();
  const results: CapacityStep[] = [];
  let rooms = 0;
  let machineLimited = 0;
  let stopReason = "no step measured";
  let idleCpuPercent = Number.NaN;
  try {
    idleCpuPercent = await measureIdle(server, config.idleWindowMs);
    log(`  ${kind} idle (no clients, ${config.idleWindowMs / 1000} s): server CPU ${round(idleCpuPercent, 2)}%`);
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
      const { clientPatchesPerSecond: patches, clientTicksPerSecond: ticks } = step;
      log(`  ${kind} ${bots} bots: server CPU ${round(step.serverCpuPercent, 1)}%, step p99 ${round(step.stepP99Ms, 3)} ms, patch p99 ${round(step.patchP99Ms, 3)} ms, `
        + `loop p99 ${round(step.eventLoopDelayP99Ms, 1)} ms, late ${step.lateSteps} overran / ${step.lateStarts} started late; `
        + `clients' patches/s min/p5/p50 ${round(patches.min, 1)}/${round(patches.p5, 1)}/${round(patches.p50, 1)}, ticks/s ${round(ticks.min, 1)}/${round(ticks.p5, 1)}/${round(ticks.p50, 1)} `
        + `(server per room: ${round(step.serverTicksPerRoomPerSecond, 1)} ticks/s, ${round(step.serverPatchesPerRoomPerSecond, 1)} patches/s); `
        + `bots ${round(step.botCpuPercent)}% CPU, machine ${round(step.machineBusyPercent)}% busy`
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
  return {
    steps: results, maxHeldBots: held.length > 0 ? held[held.length - 1].bots : 0,
    idleCpuPercent, idleWindowSeconds: config.idleWindowMs / 1000, ...projectCapacity(results, idleCpuPercent), stopReason,
  };
}
