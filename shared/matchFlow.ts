// Match flow as a pure, tick-driven state machine: waiting → countdown → playing → goal → … → ended.
import { TICK_HZ, TIMING } from "./constants.ts";
import type { MatchPhase } from "./match/phase.ts";
import type { PlayingTeam } from "./match/teams.ts";

/** The match fields the flow reads and writes (the schema MatchState satisfies it). */
export interface MatchClock {
  phase: MatchPhase;
  phaseTicks: number;
  elapsedTicks: number;
  goldenGoal: boolean;
  scoreRed: number;
  scoreBlue: number;
  lastGoalTeam: PlayingTeam | "";
  /** Set once the match has ended. */
  winner: PlayingTeam | "draw" | "";
}

export interface MatchRules {
  scoreLimit: number;
  timeLimitSeconds: number;
}

/** What the room must do after a flow step. */
export type FlowAction = "none" | "kickoff" | "ended";

/** Starts (or restarts) a match: scores cleared, countdown to the first kickoff. */
export function startMatch(match: MatchClock): FlowAction {
  match.scoreRed = 0;
  match.scoreBlue = 0;
  match.elapsedTicks = 0;
  match.goldenGoal = false;
  match.lastGoalTeam = "";
  match.winner = "";
  match.phase = "countdown";
  match.phaseTicks = TIMING.countdownTicks;
  return "kickoff";
}

/** Stops the match and returns to free warm-up play. */
export function stopMatch(match: MatchClock): void {
  match.phase = "waiting";
  match.phaseTicks = 0;
  match.goldenGoal = false;
}

function endMatch(match: MatchClock): FlowAction {
  match.phase = "ended";
  match.phaseTicks = 0;
  match.winner = match.scoreRed > match.scoreBlue ? "red" : match.scoreBlue > match.scoreRed ? "blue" : "draw";
  return "ended";
}

/** Whole seconds left on the clock, or null when the match has no time limit. */
export function secondsLeft(match: MatchClock, rules: MatchRules): number | null {
  if (rules.timeLimitSeconds <= 0) return null;
  return Math.max(0, Math.ceil(rules.timeLimitSeconds - match.elapsedTicks / TICK_HZ));
}

/** What the clock shows, in seconds: the time left, or the time played when the match has no limit. */
export function clockSeconds(match: MatchClock, rules: MatchRules): number {
  return secondsLeft(match, rules) ?? Math.floor(match.elapsedTicks / TICK_HZ);
}

/** Records a goal during play; returns "ended" when it decides the match, else "none" (celebration begins). */
export function recordGoal(match: MatchClock, rules: MatchRules, team: PlayingTeam): FlowAction {
  if (match.phase !== "playing") return "none";
  if (team === "red") match.scoreRed += 1; else match.scoreBlue += 1;
  match.lastGoalTeam = team;
  const reachedLimit = rules.scoreLimit > 0 && (match.scoreRed >= rules.scoreLimit || match.scoreBlue >= rules.scoreLimit);
  if (reachedLimit || match.goldenGoal) return endMatch(match);
  match.phase = "goal";
  match.phaseTicks = TIMING.goalCelebrationTicks;
  return "none";
}

/** Advances the flow by one tick. */
export function stepMatchFlow(match: MatchClock, rules: MatchRules): FlowAction {
  switch (match.phase) {
    case "countdown":
      match.phaseTicks = Math.max(0, match.phaseTicks - 1);
      if (match.phaseTicks === 0) match.phase = "playing";
      return "none";
    case "goal":
      match.phaseTicks = Math.max(0, match.phaseTicks - 1);
      if (match.phaseTicks > 0) return "none";
      match.phase = "countdown";
      match.phaseTicks = TIMING.countdownTicks;
      return "kickoff";
    case "playing": {
      match.elapsedTicks += 1;
      const limitTicks = rules.timeLimitSeconds * TICK_HZ;
      if (rules.timeLimitSeconds > 0 && match.elapsedTicks >= limitTicks && !match.goldenGoal) {
        if (match.scoreRed !== match.scoreBlue) return endMatch(match);
        match.goldenGoal = true; // tie at time: the next goal wins
      }
      return "none";
    }
    default:
      return "none";
  }
}
