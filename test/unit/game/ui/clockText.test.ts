// The match clock's text: counting down, unlimited, golden goal overtime, and after the final whistle.
import { describe, expect, it } from "vitest";
import { TICK_HZ } from "../../../../shared/constants.ts";
import type { MatchClock } from "../../../../shared/matchFlow.ts";
import { clockText } from "../../../../game/ui/clockText.ts";

const match = (over: Partial<MatchClock>): MatchClock => ({
  phase: "playing", phaseTicks: 0, elapsedTicks: 0, goldenGoal: false, scoreRed: 0, scoreBlue: 0, lastGoalTeam: "", winner: "", ...over,
});

describe("clock text", () => {
  it("counts down with a time limit and up without one", () => {
    expect(clockText(match({ elapsedTicks: 61 * TICK_HZ }), { scoreLimit: 3, timeLimitSeconds: 180 })).toBe("1:59");
    expect(clockText(match({ elapsedTicks: 61 * TICK_HZ }), { scoreLimit: 3, timeLimitSeconds: 0 })).toBe("1:01");
  });

  it("shows golden goal overtime while it runs", () => {
    expect(clockText(match({ elapsedTicks: 195 * TICK_HZ, goldenGoal: true }), { scoreLimit: 3, timeLimitSeconds: 180 })).toBe("Golden goal +0:15");
  });

  it("shows the final time after the whistle, never golden goal", () => {
    const rules = { scoreLimit: 3, timeLimitSeconds: 180 };
    expect(clockText(match({ phase: "ended", elapsedTicks: 195 * TICK_HZ, goldenGoal: true }), rules)).toBe("Full time 3:00 +0:15");
    expect(clockText(match({ phase: "ended", elapsedTicks: 180 * TICK_HZ }), rules)).toBe("Full time 3:00");
    expect(clockText(match({ phase: "ended", elapsedTicks: 42 * TICK_HZ }), rules)).toBe("Full time 0:42");
  });
});
