// Shape checks for what a replay file decodes to (header, start sim, commands): a hostile or damaged file is refused
// before the sim runs on it, instead of stepping NaN or crashing the viewer.
import type { MatchCommand } from "../match/commands.ts";
import type { MatchSim, SimPlayer } from "../match/sim.ts";
import type { PlainValue } from "./plainValue.ts";
import type { ReplayHeader } from "./replayFile.ts";

type Spec = "number" | "string" | "boolean" | readonly string[] | { readonly [key: string]: Spec };

const PHASES = ["waiting", "countdown", "playing", "goal", "ended"] as const;
const TEAMS = ["red", "blue", "spectator"] as const;
const PLAYING = ["red", "blue"] as const;
const BODY = { x: "number", y: "number", vx: "number", vy: "number" } as const;

const HEADER_SPEC = { matchId: "string", roomId: "string", roomName: "string", startedAt: "number", tickHz: "number" } as const;
const PLAYER_SPEC = {
  ...BODY, kicking: "boolean", kickCooldown: "number", name: "string", team: TEAMS, isBot: "boolean",
  goals: "number", joinedSeq: "number", inputCredit: "number", botNumber: "number",
} as const;
const SIM_SPEC = {
  tick: "number", phase: PHASES, phaseTicks: "number", elapsedTicks: "number", goldenGoal: "boolean",
  scoreRed: "number", scoreBlue: "number", lastGoalTeam: ["", ...PLAYING], winner: ["", "draw", ...PLAYING],
  lastScorerName: "string",
  settings: { roomName: "string", playersPerTeam: "number", scoreLimit: "number", timeLimitSeconds: "number" },
  ball: BODY, ballBefore: { x: "number", y: "number" }, lastTouch: "string", joinCounter: "number", botCounter: "number",
} as const;
const COMMAND_SPECS: Record<MatchCommand["kind"], { readonly [key: string]: Spec }> = {
  join: { id: "string", name: "string", spectate: "boolean" },
  leave: { id: "string" },
  setTeam: { id: "string", team: TEAMS },
  rename: { id: "string", name: "string" },
  start: {},
  stop: {},
  addBot: { team: PLAYING },
  removeBot: {},
  settings: {},
};

function fits(value: PlainValue | undefined, spec: Spec): boolean {
  if (spec === "number") return typeof value === "number" && Number.isFinite(value);
  if (spec === "string") return typeof value === "string";
  if (spec === "boolean") return typeof value === "boolean";
  if (Array.isArray(spec)) return typeof value === "string" && spec.includes(value);
  if (!isRecord(value)) return false;
  return Object.entries(spec).every(([key, inner]) => fits(value[key], inner));
}

function isRecord(value: PlainValue | undefined): value is { [key: string]: PlainValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

export function asReplayHeader(value: PlainValue): ReplayHeader | null {
  return fits(value, HEADER_SPEC) ? (value as unknown as ReplayHeader) : null;
}

export function asMatchSim(value: PlainValue): MatchSim | null {
  if (!isRecord(value) || !fits(value, SIM_SPEC)) return null;
  const players = value.players;
  if (!(players instanceof Map)) return null;
  for (const player of players.values()) if (!fits(player, PLAYER_SPEC)) return null;
  return value as unknown as MatchSim & { players: Map<string, SimPlayer> };
}

export function asMatchCommand(value: PlainValue): MatchCommand | null {
  if (!isRecord(value) || typeof value.kind !== "string" || !(value.kind in COMMAND_SPECS)) return null;
  if (!fits(value, COMMAND_SPECS[value.kind as MatchCommand["kind"]])) return null;
  if (value.kind === "removeBot" && value.id !== undefined && typeof value.id !== "string") return null;
  if (value.kind === "settings" && !isSettingsPatch(value.settings)) return null;
  return value as unknown as MatchCommand;
}

function isSettingsPatch(value: PlainValue | undefined): boolean {
  if (!isRecord(value)) return false;
  const spec = SIM_SPEC.settings as { readonly [key: string]: Spec };
  return Object.entries(value).every(([key, inner]) => key in spec && fits(inner, spec[key]!));
}
