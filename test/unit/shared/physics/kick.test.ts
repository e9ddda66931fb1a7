// Unit test: kicks — out of reach nothing happens, within reach the ball is pushed away from the kicker, cooldown applies.
import { describe, expect, it } from "vitest";
import { BALL, KICK, PLAYER, TICK_HZ } from "../../../../shared/constants.ts";
import type { InputIntent } from "../../../../shared/input.ts";
import { stepWorld } from "../../../../shared/physics.ts";
import { makeBall, makePlayer, type TestWorld } from "../../../helpers/world.ts";

const DT = 1 / TICK_HZ;
const KICK_HELD: InputIntent = { moveX: 0, moveY: 0, kick: true };
const TOUCH = PLAYER.radius + BALL.radius;

/** One still player at (300, 250) and a still ball `gap` px beyond touching it, in direction (dirX, dirY). */
function standoff(gap: number, dirX = 1, dirY = 0): TestWorld {
  const length = Math.hypot(dirX, dirY);
  const distance = TOUCH + gap;
  return {
    players: [makePlayer(300, 250)],
    ball: makeBall(300 + (dirX / length) * distance, 250 + (dirY / length) * distance),
  };
}

describe("kick", () => {
  it("does nothing to a ball out of reach", () => {
    const world = standoff(KICK.reach + 1);
    const ballBefore = { ...world.ball };
    const events = stepWorld(world, [KICK_HELD], DT);
    expect(events.kickers).toEqual([]);
    expect(world.ball.vx).toBe(0);
    expect(world.ball.vy).toBe(0);
    expect(world.ball.x).toBe(ballBefore.x);
    expect(world.ball.y).toBe(ballBefore.y);
    expect(world.players[0].kickCooldown).toBe(0); // a miss costs no cooldown
  });

  it("does nothing when the ball is within reach but kick is not held", () => {
    const world = standoff(KICK.reach - 2);
    const events = stepWorld(world, [{ moveX: 0, moveY: 0, kick: false }], DT);
    expect(events.kickers).toEqual([]);
    expect(world.ball.vx).toBe(0);
    expect(world.ball.vy).toBe(0);
  });

  it("pushes a ball within reach away from the player", () => {
    for (const [dirX, dirY] of [[1, 0], [-1, 0], [0, 1], [3, -4], [-1, -1]]) {
      const world = standoff(KICK.reach - 2, dirX, dirY);
      const before = { ...world.ball };
      const events = stepWorld(world, [KICK_HELD], DT);
      expect(events.kickers).toEqual([0]);
      const { vx, vy } = world.ball;
      const speed = Math.hypot(vx, vy);
      // Roughly the kick impulse (after one tick of rolling friction), pointing from the player through the ball.
      expect(speed).toBeGreaterThan(KICK.impulse * 0.95);
      expect(speed).toBeLessThanOrEqual(KICK.impulse);
      const length = Math.hypot(dirX, dirY);
      const cosine = (vx * dirX + vy * dirY) / (speed * length);
      expect(cosine).toBeGreaterThan(0.999);
      // And the ball moved further away.
      const player = world.players[0];
      expect(Math.hypot(world.ball.x - player.x, world.ball.y - player.y)).toBeGreaterThan(Math.hypot(before.x - player.x, before.y - player.y));
    }
  });

  it("applies the cooldown: holding kick against a ball kicks again only after cooldownTicks", () => {
    const world = standoff(KICK.reach - 2);
    const ballHome = { ...world.ball };
    const kickedAt: number[] = [];
    for (let tick = 1; tick <= 2 * KICK.cooldownTicks + 2; tick++) {
      // Put the ball back within reach, at rest, before every tick.
      Object.assign(world.ball, ballHome);
      const events = stepWorld(world, [KICK_HELD], DT);
      if (events.kickers.length > 0) kickedAt.push(tick);
      if (tick === 1) expect(world.players[0].kickCooldown).toBe(KICK.cooldownTicks);
      if (tick === 2) {
        // Inside the cooldown the ball only rolls on with what it had: nothing.
        expect(world.ball.vx).toBe(0);
      }
    }
    expect(kickedAt).toEqual([1, 1 + KICK.cooldownTicks, 1 + 2 * KICK.cooldownTicks]);
  });
});
