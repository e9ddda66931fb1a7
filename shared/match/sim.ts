// The match simulation's state: plain objects only (no schema), so it steps, clones and compares exactly.
import { MATCH_DEFAULTS } from "../constants.ts";
import type { InputIntent } from "../input.ts";
import { placeBallForKickoff } from "../kickoff.ts";
import type { MatchClock } from "../matchFlow.ts";
import type { Body, PlayerBody } from "../physics.ts";
import type { Team } from "./teams.ts";

/** One player (person or bot): its body is the player itself, so physics steps it in place. */
export interface SimPlayer extends PlayerBody {
  name: string;
  team: Team;
  isBot: boolean;
  goals: number;
  /** Join order, for host migration to the longest-present player. */
  joinedSeq: number;
  /** Inputs it may still apply beyond one per tick (see inputCredit.ts). */
  inputCredit: number;
  /** A bot's number, which varies how it plays (see botIntent); 0 for people. */
  botNumber: number;
}

export interface MatchSettingsData {
  roomName: string;
  playersPerTeam: number;
  scoreLimit: number;
  timeLimitSeconds: number;
}

export interface MatchSim extends MatchClock {
  /** Steps run so far. */
  tick: number;
  lastScorerName: string;
  settings: MatchSettingsData;
  /** In join order: the order inputs are applied and discs collide in. */
  players: Map<string, SimPlayer>;
  ball: Body;
  /** Where the ball was one step ago: what a bot judges its speed from (see BallSight). */
  ballBefore: { x: number; y: number };
  /** Id of the last player whose kick connected, credited with the next goal ("" after a kickoff). */
  lastTouch: string;
  joinCounter: number;
  botCounter: number;
}

/** Something that holds a player's pending inputs: the room's input channel, or a recorded list in a replay. */
export interface InputQueue {
  /** Up to `max` of the oldest pending inputs, removed from the queue. */
  take(max: number): Iterable<InputIntent>;
  /** Discards everything pending. */
  drain(): void;
}

export function createMatchSim(settings: Partial<MatchSettingsData> = {}): MatchSim {
  const sim: MatchSim = {
    tick: 0,
    phase: "waiting", phaseTicks: 0, elapsedTicks: 0, goldenGoal: false,
    scoreRed: 0, scoreBlue: 0, lastGoalTeam: "", winner: "", lastScorerName: "",
    settings: {
      roomName: settings.roomName ?? "Rebound match",
      playersPerTeam: settings.playersPerTeam ?? MATCH_DEFAULTS.playersPerTeam,
      scoreLimit: settings.scoreLimit ?? MATCH_DEFAULTS.scoreLimit,
      timeLimitSeconds: settings.timeLimitSeconds ?? MATCH_DEFAULTS.timeLimitSeconds,
    },
    players: new Map(),
    ball: { x: 0, y: 0, vx: 0, vy: 0 },
    ballBefore: { x: 0, y: 0 },
    lastTouch: "",
    joinCounter: 0,
    botCounter: 0,
  };
  placeBallForKickoff(sim.ball);
  sim.ballBefore = { x: sim.ball.x, y: sim.ball.y };
  return sim;
}
