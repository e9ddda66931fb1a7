// The naive baseline's wire format: JSON text messages both ways, and the guards that read them.
import type { MatchPhase } from "../../shared/state.ts";

export interface BaselinePlayer {
  id: string;
  name: string;
  team: "red" | "blue";
  x: number;
  y: number;
  vx: number;
  vy: number;
  kicking: boolean;
  kickCooldown: number;
  goals: number;
  connected: boolean;
  /** Last input seq the server applied for this player. */
  ack: number;
}

/** The whole world, sent to every client after every tick. */
export interface BaselineState {
  t: "state";
  tick: number;
  /** ms since the room started (the same stamp Colyseus puts on its patches). */
  serverTime: number;
  phase: MatchPhase;
  phaseTicks: number;
  elapsedTicks: number;
  scoreRed: number;
  scoreBlue: number;
  players: BaselinePlayer[];
  ball: { x: number; y: number; vx: number; vy: number };
}

export type BaselineServerMessage =
  | { t: "welcome"; room: string; id: string }
  | { t: "error"; message: string }
  | BaselineState;

export type BaselineClientMessage =
  | { t: "create"; name: string }
  | { t: "join"; room: string; name: string }
  | { t: "input"; seq: number; moveX: number; moveY: number; kick: boolean }
  | { t: "start" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const MAX_NAME = 20;

/** Reads a client message, or null for anything malformed (the server then drops the client). */
export function parseClientMessage(text: string): BaselineClientMessage | null {
  const value = parseJson(text);
  if (!isRecord(value)) return null;
  switch (value.t) {
    case "create":
      return typeof value.name === "string" ? { t: "create", name: value.name.slice(0, MAX_NAME) } : null;
    case "join":
      return typeof value.room === "string" && typeof value.name === "string"
        ? { t: "join", room: value.room, name: value.name.slice(0, MAX_NAME) }
        : null;
    case "input":
      return typeof value.seq === "number" && typeof value.moveX === "number" && typeof value.moveY === "number" && typeof value.kick === "boolean"
        ? { t: "input", seq: value.seq, moveX: value.moveX, moveY: value.moveY, kick: value.kick }
        : null;
    case "start":
      return { t: "start" };
    default:
      return null;
  }
}

/** Reads a server message as the bot needs it; null for anything it does not recognise. */
export function parseServerMessage(text: string): BaselineServerMessage | null {
  const value = parseJson(text);
  if (!isRecord(value)) return null;
  if (value.t === "welcome" && typeof value.room === "string" && typeof value.id === "string") {
    return { t: "welcome", room: value.room, id: value.id };
  }
  if (value.t === "error" && typeof value.message === "string") return { t: "error", message: value.message };
  if (value.t === "state" && typeof value.tick === "number" && typeof value.serverTime === "number"
    && Array.isArray(value.players) && isRecord(value.ball)) {
    // The naive client trusts the shape of the server's own broadcast after these checks, as a naive client would.
    return value as unknown as BaselineState;
  }
  return null;
}
