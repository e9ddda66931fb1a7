// The live-score JSON that GET /api/rooms/<roomId>/live answers (HTTP polling): its type, how a room builds it, how a reader checks it.
import { clockSeconds, type MatchClock, type MatchRules } from "./matchFlow.ts";

/** The polling endpoint's path for one room (the server mounts `/api/rooms/:roomId/live`). */
/** A password room's live view is served only with its password in this request header (never in the URL: logs, referrers). */
export const ROOM_PASSWORD_HEADER = "X-Room-Password";

export function livePath(roomId: string): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/live`;
}

export interface LiveSnapshot {
  roomId: string;
  phase: string;
  scoreRed: number;
  scoreBlue: number;
  /** Ticks of play elapsed in this match. */
  elapsedTicks: number;
  /** What the match clock shows, in seconds: time left with a time limit, else time played. */
  clockSeconds: number;
  ball: { x: number; y: number };
  /** Server step counter when this data was true. */
  tick: number;
  /**
   * Server time (ms since the room started: the room's `clock.elapsedTime`) when this data was
   * true. The same time base the SDK's `room.clock.serverNow()` estimates from the TIMED stamp of
   * every state patch, so a page can compare both feeds' age on one clock.
   */
  serverTime: number;
}

/** The state fields a snapshot is built from (the schema MatchState satisfies it). */
export interface LiveSource extends MatchClock {
  tick: number;
  settings: MatchRules;
  ball: { x: number; y: number };
}

export function liveSnapshotOf(roomId: string, state: LiveSource, serverTime: number): LiveSnapshot {
  return {
    roomId,
    phase: state.phase,
    scoreRed: state.scoreRed,
    scoreBlue: state.scoreBlue,
    elapsedTicks: state.elapsedTicks,
    clockSeconds: clockSeconds(state, state.settings),
    ball: { x: state.ball.x, y: state.ball.y },
    tick: state.tick,
    // The wire stamp of a state patch is the same value truncated to whole ms (uint32).
    serverTime: Math.floor(serverTime),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function finite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Checks untrusted JSON (an HTTP body, an IPC reply) and returns it typed, or null when it is not a snapshot. */
export function parseLiveSnapshot(value: unknown): LiveSnapshot | null {
  if (!isRecord(value) || !isRecord(value.ball)) return null;
  const { roomId, phase, scoreRed, scoreBlue, elapsedTicks, clockSeconds, tick, serverTime } = value;
  const { x, y } = value.ball;
  if (typeof roomId !== "string" || typeof phase !== "string") return null;
  if (!finite(scoreRed) || !finite(scoreBlue) || !finite(elapsedTicks) || !finite(clockSeconds)) return null;
  if (!finite(tick) || !finite(serverTime) || !finite(x) || !finite(y)) return null;
  return { roomId, phase, scoreRed, scoreBlue, elapsedTicks, clockSeconds, ball: { x, y }, tick, serverTime };
}
