// The replicated match state: the Colyseus schema every client decodes (players, ball, score, clock, settings).
import { schema, t, type SchemaType } from "@colyseus/schema";
import { MATCH_DEFAULTS, WIRE } from "./constants.ts";

import type { MatchPhase } from "./match/phase.ts";
import type { PlayingTeam, Team } from "./match/teams.ts";

export type { MatchPhase, PlayingTeam, Team };

/** 2-byte quantized wire coordinates. "wrap" spreads 2^16 steps over a power-of-two span, so every
 * value on the step's grid (POSITION_GRID / VELOCITY_GRID) travels exactly; values never reach the seam. */
const position = () => t.quantized({ ...WIRE.position, bits: 16, mode: "wrap" }).default(0);
const velocity = () => t.quantized({ ...WIRE.velocity, bits: 16, mode: "wrap" }).default(0);

/** A player's disc. The server writes these once per tick from its plain simulation bodies. */
export const Player = schema({
  name: t.string().default(""),
  team: t.string<Team>().default("spectator"),
  x: position(),
  y: position(),
  /** Velocity is sent only to the player it belongs to (StateView): their reconciler replays from
   * it; everyone else only draws positions, so it would be bandwidth for nothing. */
  vx: velocity().view(),
  vy: velocity().view(),
  /** Kick held this tick: drawn as a ring. */
  kicking: t.boolean().default(false),
  /** Ticks left before this player can kick again (server-side only). */
  kickCooldown: t.uint8().noSync().default(0),
  goals: t.uint16().default(0),
  /** False while the player's connection has dropped and the slot is held for them. */
  connected: t.boolean().default(true),
  isBot: t.boolean().default(false),
  /** Chat muted by the host: the server drops this player's chat lines. */
  chatMuted: t.boolean().default(false),
  /** Join order, for host migration to the longest-present player. */
  joinedSeq: t.uint32().default(0),
}, "Player");
export type Player = SchemaType<typeof Player>;

export const Ball = schema({
  x: position(),
  y: position(),
  /** Clients interpolate the ball from positions; its velocity stays on the server (never synced: no
   * client code may read it, bots included: see BallSight in shared/bot.ts). */
  vx: t.number().noSync().default(0),
  vy: t.number().noSync().default(0),
}, "Ball");
export type Ball = SchemaType<typeof Ball>;

export const MatchSettings = schema({
  roomName: t.string().default("Rebound match"),
  playersPerTeam: t.uint8().default(MATCH_DEFAULTS.playersPerTeam),
  scoreLimit: t.uint8().default(MATCH_DEFAULTS.scoreLimit),
  timeLimitSeconds: t.uint16().default(MATCH_DEFAULTS.timeLimitSeconds),
  isPrivate: t.boolean().default(false),
  hasPassword: t.boolean().default(false),
  /** Locked by the host: nobody new may join. */
  locked: t.boolean().default(false),
}, "MatchSettings");
export type MatchSettings = SchemaType<typeof MatchSettings>;

export const MatchState = schema({
  phase: t.string<MatchPhase>().default("waiting"),
  /** Ticks left in the current countdown or goal celebration. */
  phaseTicks: t.uint16().default(0),
  /** Ticks of play elapsed in this match (the clock shows limit − elapsed, or elapsed when unlimited). */
  elapsedTicks: t.uint32().default(0),
  goldenGoal: t.boolean().default(false),
  scoreRed: t.uint8().default(0),
  scoreBlue: t.uint8().default(0),
  /** Team that scored last ("" before any goal): kickoff goes to the other team. */
  lastGoalTeam: t.string<PlayingTeam | "">().default(""),
  lastScorerName: t.string().default(""),
  /** "red", "blue" or "draw" once the match has ended. */
  winner: t.string<PlayingTeam | "draw" | "">().default(""),
  hostId: t.string().default(""),
  /** Server tick counter, for the network panel. */
  tick: t.uint32().default(0),
  /** The history id of this room's latest match ("" before one started, or when the server keeps no history): its replay link. */
  replayId: t.string().default(""),
  settings: MatchSettings,
  players: t.map(Player),
  ball: Ball,
}, "MatchState");
export type MatchState = SchemaType<typeof MatchState>;
