// Unit test: the match flow state machine — countdown, play, goal celebration, kickoff, score and time limits, golden goal.
import { describe, expect, it } from "vitest";
import { TICK_HZ, TIMING } from "../../../shared/constants.ts";
import { isBallLive } from "../../../shared/match/phase.ts";
import {
  recordGoal, secondsLeft, startMatch, stepMatchFlow, stopMatch,
  type FlowAction, type MatchClock, type MatchRules,
} from "../../../shared/matchFlow.ts";

function freshMatch(): MatchClock {
  return { phase: "waiting", phaseTicks: 0, elapsedTicks: 0, goldenGoal: false, scoreRed: 0, scoreBlue: 0, lastGoalTeam: "", winner: "" };
}

/** Steps the flow `ticks` times and returns every action that was not "none". */
function advance(match: MatchClock, rules: MatchRules, ticks: number): FlowAction[] {
  const actions: FlowAction[] = [];
  for (let i = 0; i < ticks; i++) {
    const action = stepMatchFlow(match, rules);
    if (action !== "none") actions.push(action);
  }
  return actions;
}

/** Starts a match and runs the countdown out, leaving it in "playing". */
function playing(rules: MatchRules): MatchClock {
  const match = freshMatch();
  startMatch(match);
  advance(match, rules, TIMING.countdownTicks);
  expect(match.phase).toBe("playing");
  return match;
}

const RULES: MatchRules = { scoreLimit: 3, timeLimitSeconds: 180 };

describe("match flow", () => {
  it("waits in free play until started", () => {
    const match = freshMatch();
    expect(advance(match, RULES, 500)).toEqual([]);
    expect(match.phase).toBe("waiting");
    expect(isBallLive("waiting")).toBe(true);
  });

  it("counts down for countdownTicks, then plays", () => {
    const match = freshMatch();
    match.scoreRed = 2; // left over from a previous match
    expect(startMatch(match)).toBe("kickoff");
    expect(match).toMatchObject({ phase: "countdown", phaseTicks: TIMING.countdownTicks, scoreRed: 0, scoreBlue: 0 });
    expect(isBallLive("countdown")).toBe(false);
    advance(match, RULES, TIMING.countdownTicks - 1);
    expect(match.phase).toBe("countdown");
    expect(match.phaseTicks).toBe(1);
    expect(match.elapsedTicks).toBe(0); // the clock does not run during the countdown
    advance(match, RULES, 1);
    expect(match.phase).toBe("playing");
    advance(match, RULES, 10);
    expect(match.elapsedTicks).toBe(10);
  });

  it("goal → celebration → kickoff countdown → playing", () => {
    const match = playing(RULES);
    expect(recordGoal(match, RULES, "blue")).toBe("none");
    expect(match).toMatchObject({ phase: "goal", scoreRed: 0, scoreBlue: 1, lastGoalTeam: "blue", phaseTicks: TIMING.goalCelebrationTicks });
    expect(isBallLive("goal")).toBe(false);
    const elapsed = match.elapsedTicks;
    expect(advance(match, RULES, TIMING.goalCelebrationTicks - 1)).toEqual([]);
    expect(match.phase).toBe("goal");
    expect(advance(match, RULES, 1)).toEqual(["kickoff"]);
    expect(match.phase).toBe("countdown");
    advance(match, RULES, TIMING.countdownTicks);
    expect(match.phase).toBe("playing");
    expect(match.elapsedTicks).toBe(elapsed); // celebration and countdown stop the clock
  });

  it("ignores goals outside play (celebration, countdown, warm-up)", () => {
    const match = playing(RULES);
    recordGoal(match, RULES, "red");
    expect(recordGoal(match, RULES, "red")).toBe("none"); // during the celebration
    expect(match.scoreRed).toBe(1);
    const warmUp = freshMatch();
    expect(recordGoal(warmUp, RULES, "blue")).toBe("none");
    expect(warmUp.scoreBlue).toBe(0);
  });

  it("ends the match with a winner when the score limit is reached", () => {
    const rules: MatchRules = { scoreLimit: 2, timeLimitSeconds: 180 };
    const match = playing(rules);
    expect(recordGoal(match, rules, "red")).toBe("none");
    advance(match, rules, TIMING.goalCelebrationTicks + TIMING.countdownTicks);
    expect(recordGoal(match, rules, "blue")).toBe("none");
    advance(match, rules, TIMING.goalCelebrationTicks + TIMING.countdownTicks);
    expect(match.phase).toBe("playing");
    expect(recordGoal(match, rules, "red")).toBe("ended");
    expect(match).toMatchObject({ phase: "ended", scoreRed: 2, scoreBlue: 1, winner: "red" });
    // An ended match stays ended.
    expect(advance(match, rules, 1000)).toEqual([]);
    expect(match.phase).toBe("ended");
  });

  it("ends at the time limit when one side leads", () => {
    const rules: MatchRules = { scoreLimit: 0, timeLimitSeconds: 2 };
    const match = playing(rules);
    recordGoal(match, rules, "blue");
    advance(match, rules, TIMING.goalCelebrationTicks + TIMING.countdownTicks);
    const remaining = 2 * TICK_HZ - match.elapsedTicks;
    expect(advance(match, rules, remaining - 1)).toEqual([]);
    expect(match.phase).toBe("playing");
    expect(secondsLeft(match, rules)).toBe(1);
    expect(advance(match, rules, 1)).toEqual(["ended"]);
    expect(match).toMatchObject({ phase: "ended", winner: "blue" });
    expect(secondsLeft(match, rules)).toBe(0);
  });

  it("goes to golden goal on a tie at time, and the next goal ends it", () => {
    const rules: MatchRules = { scoreLimit: 5, timeLimitSeconds: 1 };
    const match = playing(rules);
    expect(advance(match, rules, TICK_HZ)).toEqual([]);
    expect(match.phase).toBe("playing");
    expect(match.goldenGoal).toBe(true);
    // Golden goal plays on past the limit as long as it takes.
    expect(advance(match, rules, 10 * TICK_HZ)).toEqual([]);
    expect(match.phase).toBe("playing");
    expect(recordGoal(match, rules, "blue")).toBe("ended");
    expect(match).toMatchObject({ phase: "ended", scoreRed: 0, scoreBlue: 1, winner: "blue" });
  });

  it("never ends on time without a time limit, and counts no seconds left", () => {
    const rules: MatchRules = { scoreLimit: 3, timeLimitSeconds: 0 };
    const match = playing(rules);
    expect(advance(match, rules, 60 * TICK_HZ)).toEqual([]);
    expect(match.phase).toBe("playing");
    expect(match.goldenGoal).toBe(false);
    expect(secondsLeft(match, rules)).toBeNull();
  });

  it("stopMatch returns to warm-up and a restart clears the score", () => {
    const match = playing(RULES);
    recordGoal(match, RULES, "red");
    stopMatch(match);
    expect(match.phase).toBe("waiting");
    expect(startMatch(match)).toBe("kickoff");
    expect(match).toMatchObject({ phase: "countdown", scoreRed: 0, scoreBlue: 0, lastGoalTeam: "", winner: "" });
  });
});
