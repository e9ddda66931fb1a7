// Kickoff formation: where each team's players and the ball stand before every kickoff.
import { FIELD, PLAYER } from "./constants.ts";
import { snapPosition, type Body } from "./physics.ts";
import type { PlayingTeam } from "./state.ts";

/** Spots in each team's own half (depth 1 = at the centre line), nearest the centre first (red's half; blue is mirrored). */
const FORMATION: readonly { depth: number; lateral: number }[] = [
  { depth: 0.85, lateral: 0.5 },
  { depth: 0.7, lateral: 0.25 },
  { depth: 0.7, lateral: 0.75 },
  { depth: 0.45, lateral: 0.5 },
  { depth: 0.35, lateral: 0.2 },
  { depth: 0.35, lateral: 0.8 },
];

/** The kickoff spot of the `index`-th player of `team` (indexes past the formation wrap around). */
export function kickoffSpot(team: PlayingTeam, index: number): { x: number; y: number } {
  const spot = FORMATION[index % FORMATION.length];
  const half = FIELD.width / 2;
  const fromCentre = (1 - spot.depth) * (half - PLAYER.radius * 2) + PLAYER.radius * 3;
  const x = team === "red" ? half - fromCentre : half + fromCentre;
  const y = PLAYER.radius + spot.lateral * (FIELD.height - PLAYER.radius * 2);
  // Snapped like every stepped position, so the server's copy equals what the clients receive.
  return { x: snapPosition(x), y: snapPosition(y) };
}

export function placeBody(body: Body, x: number, y: number): void {
  body.x = x;
  body.y = y;
  body.vx = 0;
  body.vy = 0;
}

/** Puts the ball on the centre spot, at rest. */
export function placeBallForKickoff(ball: Body): void {
  placeBody(ball, FIELD.width / 2, FIELD.height / 2);
}
