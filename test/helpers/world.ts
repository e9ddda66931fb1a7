// Test helper: builds plain PhysicsWorld objects (players + ball) and compares them bit for bit.
import { kickoffSpot } from "../../shared/kickoff.ts";
import type { Body, PhysicsWorld, PlayerBody } from "../../shared/physics.ts";
import { FIELD } from "../../shared/constants.ts";

export interface TestWorld extends PhysicsWorld {
  players: PlayerBody[];
  ball: Body;
}

export function makePlayer(x: number, y: number, vx = 0, vy = 0): PlayerBody {
  return { x, y, vx, vy, kicking: false, kickCooldown: 0 };
}

export function makeBall(x: number, y: number, vx = 0, vy = 0): Body {
  return { x, y, vx, vy };
}

/** `perTeam` red and `perTeam` blue players on their kickoff spots, ball on the centre spot. */
export function makeKickoffWorld(perTeam: number): TestWorld {
  const players: PlayerBody[] = [];
  for (let i = 0; i < perTeam; i++) {
    const red = kickoffSpot("red", i);
    const blue = kickoffSpot("blue", i);
    players.push(makePlayer(red.x, red.y), makePlayer(blue.x, blue.y));
  }
  return { players, ball: makeBall(FIELD.width / 2, FIELD.height / 2) };
}

/** Every number of the world, in a fixed order, as raw float64 bits (so -0 vs 0 and NaN payloads count too). */
export function worldBits(world: PhysicsWorld): bigint[] {
  const numbers: number[] = [];
  for (const p of world.players) numbers.push(p.x, p.y, p.vx, p.vy, p.kickCooldown, p.kicking ? 1 : 0);
  const { ball } = world;
  numbers.push(ball.x, ball.y, ball.vx, ball.vy);
  return Array.from(new BigUint64Array(new Float64Array(numbers).buffer));
}
