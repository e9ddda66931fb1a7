// Messages between the benchmark orchestrator and its bot processes (Node IPC), with the guard each side reads them through.
import type { Summary } from "../lib/stats.ts";
import type { LiveCompareReport } from "./liveCompare.ts";
import type { PollWindow } from "./livePoller.ts";

export type BotKind = "rebound" | "baseline";

export interface FleetPlan {
  kind: BotKind;
  /** http://127.0.0.1:<port> of the server under test. */
  endpoint: string;
  /** Rooms this process creates and fills with `botsPerRoom` bots each. */
  rooms: number;
  botsPerRoom: number;
  /** Instead of creating rooms: join this one with `botsPerRoom` bots (the browser match). */
  joinRoomId?: string;
  /** Spectators joined to the first room (they only watch: the live-score WebSocket feed). */
  spectators: number;
  /** HTTP pollers of the first room's live-score endpoint, one per interval. */
  pollIntervalsMs: number[];
  /** Known simulated one-way delay (COLYSEUS_LATENCY / 2), for the room-clock calibration. */
  simulatedOneWayMs: number;
  namePrefix: string;
  /** Rooms joined at the same time. */
  joinConcurrency: number;
  /** The process ends by itself after this long, whatever happens to the orchestrator. */
  maxLifetimeMs: number;
}

export interface FleetReport {
  players: number;
  spectators: number;
  connected: number;
  windowMs: number;
  /** Sums over the playing bots in the window. */
  inputs: number;
  snapshots: number;
  framesDown: number;
  bytesDown: number;
  bytesUp: number;
  /** Server ticks per second as the bots saw the tick counter advance (mean over bots). */
  ticksPerSecond: number;
  /** One entry per playing bot: the patches it decoded per second of the window, and the tick rate it saw. */
  botPatchesPerSecond: number[];
  botTicksPerSecond: number[];
  ackSamples: number[];
  stalenessSamples: number[];
  /** Room-clock calibration check per room: estimated start minus create request time (ms). */
  calibrationSlackMs: number[];
  driver: { dueSteps: number; droppedSteps: number; lateMs: Summary };
  processCpuPercent: number;
  eventLoopDelayP99Ms: number;
  spectator: { bytesDown: number; bytesUp: number; snapshots: number; framesDown: number } | null;
  polls: PollWindow[];
  live: LiveCompareReport | null;
}

export type ToBotProcess =
  | { type: "start"; plan: FleetPlan }
  | { type: "startMatch" }
  | { type: "begin" }
  | { type: "end" }
  | { type: "stop" };

export type FromBotProcess =
  | { type: "ready"; roomIds: string[]; players: number; joinMs: number; joinFailures: number }
  | { type: "begun" }
  | { type: "matchStarted" }
  | { type: "report"; report: FleetReport }
  | { type: "failed"; message: string };

function hasType(value: unknown): value is { type: string } {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "type") === "string";
}

const TO_BOT_TYPES = new Set(["start", "startMatch", "begin", "end", "stop"]);
const FROM_BOT_TYPES = new Set(["ready", "begun", "matchStarted", "report", "failed"]);

/** IPC between our own processes: structured-clone data we wrote ourselves; checked by its tag. */
export function asToBotProcess(value: unknown): ToBotProcess | null {
  return hasType(value) && TO_BOT_TYPES.has(value.type) ? (value as ToBotProcess) : null;
}

export function asFromBotProcess(value: unknown): FromBotProcess | null {
  return hasType(value) && FROM_BOT_TYPES.has(value.type) ? (value as FromBotProcess) : null;
}
