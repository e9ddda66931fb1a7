// The deterministic world step: player movement from inputs, disc collisions, kicks, ball, walls and goals.
// Pure functions over plain shapes; the server's fixed step and the client's reconciler both call them.
import { BALL, FIELD, KICK, PLAYER, POSITION_GRID, STOP_SPEED, TICK_HZ, VELOCITY_GRID } from "./constants.ts";
import { AXIS_MAX, type InputIntent } from "./input.ts";
import type { PlayingTeam } from "./state.ts";

export interface Body {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

export interface PlayerBody extends Body {
  kicking: boolean;
  kickCooldown: number;
}

/** What the physics needs of a world: the bodies of the players on the pitch and the ball. */
export interface PhysicsWorld {
  players: readonly PlayerBody[];
  ball: Body;
}

export interface StepEvents {
  /** The team credited with a goal this step, or null. */
  goal: PlayingTeam | null;
  /** Indexes (into world.players) of players whose kick connected this step. */
  kickers: number[];
}

/** Rounds a position to the 1/32 px grid the wire holds exactly (see POSITION_GRID). */
export function snapPosition(value: number): number {
  return Math.round(value * POSITION_GRID) / POSITION_GRID;
}

/** Rounds a velocity to the 1/16 px/s wire grid, and crawling speeds to 0 (see STOP_SPEED). */
export function snapVelocity(value: number): number {
  if (Math.abs(value) < STOP_SPEED) return 0;
  return Math.round(value * VELOCITY_GRID) / VELOCITY_GRID;
}

function snapBody(body: Body): void {
  body.x = snapPosition(body.x);
  body.y = snapPosition(body.y);
  body.vx = snapVelocity(body.vx);
  body.vy = snapVelocity(body.vy);
}

function clampSpeed(body: Body, maxSpeed: number): void {
  const speed = Math.hypot(body.vx, body.vy);
  if (speed > maxSpeed) {
    const scale = maxSpeed / speed;
    body.vx *= scale;
    body.vy *= scale;
  }
}

/** Per-tick damping factor scaled to dt, so a step of 1/TICK_HZ applies it exactly once. */
function dampingFor(perTick: number, dt: number): number {
  return dt * TICK_HZ === 1 ? perTick : perTick ** (dt * TICK_HZ);
}

/** Players may run a little outside the lines (to get behind the ball) but not off the screen. */
const PLAYER_BOUNDS = {
  minX: -FIELD.goalDepth + PLAYER.radius,
  maxX: FIELD.width + FIELD.goalDepth - PLAYER.radius,
  minY: PLAYER.radius,
  maxY: FIELD.height - PLAYER.radius,
} as const;

/**
 * One player's movement for one input over dt: accelerate, damp, cap speed, move, stay in bounds.
 * This is the function the client's reconciler replays for its own player.
 */
export function applyPlayerInput(player: PlayerBody, input: InputIntent, dt: number): void {
  const ax = input.moveX / AXIS_MAX;
  const ay = input.moveY / AXIS_MAX;
  player.vx += ax * PLAYER.acceleration * dt;
  player.vy += ay * PLAYER.acceleration * dt;
  const keep = dampingFor(PLAYER.damping, dt);
  player.vx *= keep;
  player.vy *= keep;
  player.kicking = input.kick;
  clampSpeed(player, input.kick ? PLAYER.maxSpeedKicking : PLAYER.maxSpeed);
  player.x += player.vx * dt;
  player.y += player.vy * dt;
  if (player.x < PLAYER_BOUNDS.minX) { player.x = PLAYER_BOUNDS.minX; player.vx = 0; }
  if (player.x > PLAYER_BOUNDS.maxX) { player.x = PLAYER_BOUNDS.maxX; player.vx = 0; }
  if (player.y < PLAYER_BOUNDS.minY) { player.y = PLAYER_BOUNDS.minY; player.vy = 0; }
  if (player.y > PLAYER_BOUNDS.maxY) { player.y = PLAYER_BOUNDS.maxY; player.vy = 0; }
  snapBody(player);
}

/** Pushes two overlapping discs apart and exchanges momentum along the contact normal. */
function collideDiscs(a: Body, aRadius: number, aMass: number, b: Body, bRadius: number, bMass: number, restitution: number): void {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const minDistance = aRadius + bRadius;
  const distanceSq = dx * dx + dy * dy;
  if (distanceSq >= minDistance * minDistance) return;
  const distance = Math.sqrt(distanceSq);
  // Coincident centres: separate along +x so the result stays deterministic.
  const nx = distance > 0 ? dx / distance : 1;
  const ny = distance > 0 ? dy / distance : 0;
  const overlap = minDistance - distance;
  const totalMass = aMass + bMass;
  a.x -= nx * overlap * (bMass / totalMass);
  a.y -= ny * overlap * (bMass / totalMass);
  b.x += nx * overlap * (aMass / totalMass);
  b.y += ny * overlap * (aMass / totalMass);
  const relativeSpeed = (b.vx - a.vx) * nx + (b.vy - a.vy) * ny;
  if (relativeSpeed >= 0) return; // already separating
  const impulse = (-(1 + restitution) * relativeSpeed) / (1 / aMass + 1 / bMass);
  a.vx -= (impulse / aMass) * nx;
  a.vy -= (impulse / aMass) * ny;
  b.vx += (impulse / bMass) * nx;
  b.vy += (impulse / bMass) * ny;
}

const GOAL_TOP = FIELD.height / 2 - FIELD.goalHalfWidth;
const GOAL_BOTTOM = FIELD.height / 2 + FIELD.goalHalfWidth;

/** The four goal posts, as points the ball bounces off. */
const POSTS: readonly { x: number; y: number }[] = [
  { x: 0, y: GOAL_TOP }, { x: 0, y: GOAL_BOTTOM },
  { x: FIELD.width, y: GOAL_TOP }, { x: FIELD.width, y: GOAL_BOTTOM },
];

export function isInsideGoalMouth(y: number): boolean {
  return y > GOAL_TOP && y < GOAL_BOTTOM;
}

/** Bounces the ball off the side lines, the end lines outside the mouths, the nets and the posts. */
function collideBallWithWalls(ball: Body): void {
  const r = BALL.radius;
  const bounce = BALL.wallBounce;
  if (ball.y < r) { ball.y = r; ball.vy = Math.abs(ball.vy) * bounce; }
  if (ball.y > FIELD.height - r) { ball.y = FIELD.height - r; ball.vy = -Math.abs(ball.vy) * bounce; }
  const inMouth = ball.y - r > GOAL_TOP && ball.y + r < GOAL_BOTTOM;
  if (!inMouth) {
    // Outside the mouth the end lines are walls (the ball may be partly behind a post only inside it).
    if (ball.x < r && ball.x > -r) { ball.x = r; ball.vx = Math.abs(ball.vx) * bounce; }
    if (ball.x > FIELD.width - r && ball.x < FIELD.width + r) { ball.x = FIELD.width - r; ball.vx = -Math.abs(ball.vx) * bounce; }
  }
  // The back of each net.
  if (ball.x < -FIELD.goalDepth + r) { ball.x = -FIELD.goalDepth + r; ball.vx = Math.abs(ball.vx) * bounce; }
  if (ball.x > FIELD.width + FIELD.goalDepth - r) { ball.x = FIELD.width + FIELD.goalDepth - r; ball.vx = -Math.abs(ball.vx) * bounce; }
  // Inside a net the ball cannot leave through its top or bottom side.
  if (ball.x < 0 || ball.x > FIELD.width) {
    if (ball.y < GOAL_TOP + r) { ball.y = GOAL_TOP + r; ball.vy = Math.abs(ball.vy) * bounce; }
    if (ball.y > GOAL_BOTTOM - r) { ball.y = GOAL_BOTTOM - r; ball.vy = -Math.abs(ball.vy) * bounce; }
  }
  for (const post of POSTS) {
    const dx = ball.x - post.x;
    const dy = ball.y - post.y;
    const distance = Math.hypot(dx, dy);
    if (distance >= r || distance === 0) continue;
    const nx = dx / distance;
    const ny = dy / distance;
    ball.x = post.x + nx * r;
    ball.y = post.y + ny * r;
    const along = ball.vx * nx + ball.vy * ny;
    if (along < 0) {
      ball.vx -= (1 + bounce) * along * nx;
      ball.vy -= (1 + bounce) * along * ny;
    }
  }
}

/** The team credited when the ball has wholly crossed a goal line inside the mouth, else null. */
export function goalScoredBy(ball: Body): PlayingTeam | null {
  if (!isInsideGoalMouth(ball.y)) return null;
  if (ball.x < -BALL.radius) return "blue"; // red defends the left goal
  if (ball.x > FIELD.width + BALL.radius) return "red";
  return null;
}

/** Applies connected kicks: a held kick with the ball within reach and no cooldown pushes the ball away. */
function applyKicks(world: PhysicsWorld, kickers: number[]): void {
  const { ball } = world;
  world.players.forEach((player, index) => {
    if (player.kickCooldown > 0) player.kickCooldown -= 1;
    if (!player.kicking || player.kickCooldown > 0) return;
    const dx = ball.x - player.x;
    const dy = ball.y - player.y;
    const distance = Math.hypot(dx, dy);
    if (distance - PLAYER.radius - BALL.radius > KICK.reach) return;
    const nx = distance > 0 ? dx / distance : 1;
    const ny = distance > 0 ? dy / distance : 0;
    ball.vx += nx * KICK.impulse;
    ball.vy += ny * KICK.impulse;
    player.kickCooldown = KICK.cooldownTicks;
    kickers.push(index);
  });
}

/**
 * Everything in one tick after the players' inputs were applied: player/player and player/ball
 * collisions, kicks, ball motion, walls, goal detection. Mutates the world in place.
 */
export function stepPhysics(world: PhysicsWorld, dt: number): StepEvents {
  const { players, ball } = world;
  for (let i = 0; i < players.length; i++) {
    for (let j = i + 1; j < players.length; j++) {
      collideDiscs(players[i], PLAYER.radius, PLAYER.mass, players[j], PLAYER.radius, PLAYER.mass, PLAYER.bounce);
    }
  }
  for (const player of players) {
    collideDiscs(player, PLAYER.radius, PLAYER.mass, ball, BALL.radius, BALL.mass, BALL.playerBounce);
  }
  const kickers: number[] = [];
  applyKicks(world, kickers);
  const keep = dampingFor(BALL.damping, dt);
  ball.vx *= keep;
  ball.vy *= keep;
  clampSpeed(ball, BALL.maxSpeed);
  ball.x += ball.vx * dt;
  ball.y += ball.vy * dt;
  collideBallWithWalls(ball);
  for (const player of players) snapBody(player);
  snapBody(ball);
  return { goal: goalScoredBy(ball), kickers };
}

/** A whole tick for a world whose inputs are known up front (tests, benchmarks, the naive baseline). */
export function stepWorld(world: PhysicsWorld, inputs: readonly InputIntent[], dt: number): StepEvents {
  world.players.forEach((player, index) => {
    const input = inputs[index];
    if (input) applyPlayerInput(player, input, dt);
  });
  return stepPhysics(world, dt);
}
