// Unit test: the ball bounces off side lines and end lines outside the goal mouths, and scores only inside a mouth.
import { describe, expect, it } from "vitest";
import { BALL, FIELD, TICK_HZ } from "../../../../shared/constants.ts";
import { goalScoredBy, isInsideGoalMouth, stepPhysics, type Body, type StepEvents } from "../../../../shared/physics.ts";
import type { PlayingTeam } from "../../../../shared/state.ts";
import { makeBall } from "../../../helpers/world.ts";

const DT = 1 / TICK_HZ;
const R = BALL.radius;
const GOAL_TOP = FIELD.height / 2 - FIELD.goalHalfWidth;
const GOAL_BOTTOM = FIELD.height / 2 + FIELD.goalHalfWidth;

/** Steps a ball alone on the pitch, collecting every step's events. */
function roll(ball: Body, steps: number): StepEvents[] {
  const world = { players: [], ball };
  return Array.from({ length: steps }, () => stepPhysics(world, DT));
}

/** Steps a lone ball until a step reports a goal (returned) or `maxSteps` pass (null). */
function rollUntilGoal(ball: Body, maxSteps: number): PlayingTeam | null {
  const world = { players: [], ball };
  for (let step = 0; step < maxSteps; step++) {
    const events = stepPhysics(world, DT);
    if (events.goal) return events.goal;
  }
  return null;
}

function expectInsideField(ball: Body): void {
  expect(ball.x).toBeGreaterThanOrEqual(R);
  expect(ball.x).toBeLessThanOrEqual(FIELD.width - R);
  expect(ball.y).toBeGreaterThanOrEqual(R);
  expect(ball.y).toBeLessThanOrEqual(FIELD.height - R);
}

describe("ball and walls", () => {
  it("bounces off the top side line", () => {
    const ball = makeBall(300, R + 2, 0, -400);
    roll(ball, 1);
    expect(ball.vy).toBeGreaterThan(0);
    expect(ball.vy).toBeLessThan(400); // some energy lost
    expect(ball.y).toBeGreaterThanOrEqual(R);
    roll(ball, 30);
    expect(ball.y).toBeGreaterThan(R + 2); // and it travels back into the field
    expectInsideField(ball);
  });

  it("bounces off the bottom side line", () => {
    const ball = makeBall(700, FIELD.height - R - 2, 50, 400);
    roll(ball, 1);
    expect(ball.vy).toBeLessThan(0);
    expect(ball.vx).toBeGreaterThan(0); // the tangential part is kept
    expect(ball.y).toBeLessThanOrEqual(FIELD.height - R);
    roll(ball, 30);
    expect(ball.y).toBeLessThan(FIELD.height - R - 2);
    expectInsideField(ball);
  });

  it("bounces off the left end line outside the goal mouth", () => {
    const ball = makeBall(R + 2, 100, -400, 0);
    expect(isInsideGoalMouth(ball.y)).toBe(false);
    roll(ball, 1);
    expect(ball.vx).toBeGreaterThan(0);
    expect(ball.x).toBeGreaterThanOrEqual(R);
    roll(ball, 30);
    expect(ball.x).toBeGreaterThan(R + 2);
    expectInsideField(ball);
  });

  it("bounces off the right end line outside the goal mouth, below it too", () => {
    const ball = makeBall(FIELD.width - R - 2, 420, 400, 0);
    expect(isInsideGoalMouth(ball.y)).toBe(false);
    roll(ball, 1);
    expect(ball.vx).toBeLessThan(0);
    expect(ball.x).toBeLessThanOrEqual(FIELD.width - R);
    expectInsideField(ball);
  });

  it("never leaves the field and nets however it is fired", () => {
    for (let angle = 0; angle < 360; angle += 7) {
      const radians = (angle * Math.PI) / 180;
      const ball = makeBall(FIELD.width / 2, FIELD.height / 2, Math.cos(radians) * BALL.maxSpeed, Math.sin(radians) * BALL.maxSpeed);
      const world = { players: [], ball };
      const escapes: string[] = [];
      for (let step = 0; step < 600; step++) {
        stepPhysics(world, DT);
        // Inside the pitch, or inside a net (behind a goal line, between the posts).
        const inX = ball.x >= -FIELD.goalDepth + R && ball.x <= FIELD.width + FIELD.goalDepth - R;
        const inY = ball.y >= R && ball.y <= FIELD.height - R;
        const onPitchOrInNet = (ball.x >= 0 && ball.x <= FIELD.width) || (ball.y >= GOAL_TOP + R && ball.y <= GOAL_BOTTOM - R);
        if (!inX || !inY || !onPitchOrInNet) escapes.push(`angle ${angle} step ${step}: (${ball.x}, ${ball.y})`);
      }
      expect(escapes).toEqual([]);
    }
  });
});

describe("goals", () => {
  it("credits blue when the ball crosses the left goal line inside the mouth (red defends the left goal)", () => {
    const ball = makeBall(40, FIELD.height / 2, -600, 0);
    const goal = rollUntilGoal(ball, 60);
    expect(goal).toBe("blue");
    // Only once the ball has wholly crossed the line.
    expect(ball.x).toBeLessThan(-R);
  });

  it("credits red when the ball crosses the right goal line inside the mouth", () => {
    const ball = makeBall(FIELD.width - 40, FIELD.height / 2 + 30, 600, -20);
    const goal = rollUntilGoal(ball, 60);
    expect(goal).toBe("red");
    expect(ball.x).toBeGreaterThan(FIELD.width + R);
  });

  it("does not score when the ball reaches the end line outside the mouth", () => {
    for (const y of [GOAL_TOP - R - 5, GOAL_BOTTOM + R + 5, 40, FIELD.height - 40]) {
      const left = makeBall(40, y, -600, 0);
      const right = makeBall(FIELD.width - 40, y, 600, 0);
      expect(roll(left, 120).every((e) => e.goal === null)).toBe(true);
      expect(roll(right, 120).every((e) => e.goal === null)).toBe(true);
      expectInsideField(left);
      expectInsideField(right);
    }
  });

  it("goalScoredBy: only a ball wholly past a line and inside the mouth counts", () => {
    const mid = FIELD.height / 2;
    expect(goalScoredBy(makeBall(-R - 1, mid))).toBe("blue");
    expect(goalScoredBy(makeBall(FIELD.width + R + 1, mid))).toBe("red");
    expect(goalScoredBy(makeBall(-R + 1, mid))).toBeNull(); // still touching the line
    expect(goalScoredBy(makeBall(FIELD.width + R - 1, mid))).toBeNull();
    expect(goalScoredBy(makeBall(-R - 1, GOAL_TOP - 1))).toBeNull(); // outside the mouth
    expect(goalScoredBy(makeBall(FIELD.width + R + 1, GOAL_BOTTOM + 1))).toBeNull();
    expect(goalScoredBy(makeBall(FIELD.width / 2, mid))).toBeNull();
  });
});
