// Test helper: a steering "player" that gets behind the ball and runs it into a goal, sent through a real client's input channel.
import { sendIntent } from "../../game/net/inputChannel.ts";
import { BALL, FIELD, PLAYER } from "../../shared/constants.ts";
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";
import type { Body } from "../../shared/physics.ts";
import type { Player } from "../../shared/state.ts";
import { inputChannel, sendInputs, sleep, waitFor, type Joined } from "./server.ts";

const BEHIND = PLAYER.radius + BALL.radius + 8;

/** The goal red attacks (x beyond the right touchline). */
export const RIGHT_GOAL = { x: FIELD.width + FIELD.goalDepth / 2, y: FIELD.height / 2 };

/**
 * Get behind the ball on the line from the goal, going round the ball if standing on the wrong side of
 * it, then run through the ball towards the goal holding kick.
 */
export function steer(me: Body, ball: Body, goal: { x: number; y: number }): InputIntent {
  const toGoalX = goal.x - ball.x;
  const toGoalY = goal.y - ball.y;
  const toGoal = Math.hypot(toGoalX, toGoalY) || 1;
  const ux = toGoalX / toGoal;
  const uy = toGoalY / toGoal;
  // My position relative to the ball, along the shot line (negative = behind the ball) and across it.
  const along = (me.x - ball.x) * ux + (me.y - ball.y) * uy;
  const across = (me.x - ball.x) * -uy + (me.y - ball.y) * ux;
  let targetX: number;
  let targetY: number;
  let kick = false;
  if (along < -BEHIND * 0.5 && Math.abs(across) < 8) {
    // Lined up: drive through the ball, kick held.
    targetX = ball.x + ux * 40;
    targetY = ball.y + uy * 40;
    kick = true;
  } else if (along > -BEHIND * 0.5) {
    // Wrong side: swing round the ball on my side of the line, well clear of it.
    const side = across >= 0 ? 1 : -1;
    targetX = ball.x - ux * BEHIND * 1.5 - uy * side * BEHIND * 1.5;
    targetY = ball.y - uy * BEHIND * 1.5 + ux * side * BEHIND * 1.5;
  } else {
    targetX = ball.x - ux * BEHIND;
    targetY = ball.y - uy * BEHIND;
  }
  const dx = targetX - me.x;
  const dy = targetY - me.y;
  const distance = Math.hypot(dx, dy);
  const scale = distance > 2 ? AXIS_MAX / distance : 0;
  return { moveX: Math.trunc(dx * scale), moveY: Math.trunc(dy * scale), kick };
}

export function ownPlayer(joined: Joined): Player {
  const player = joined.room.state.players.get(joined.room.sessionId);
  if (!player) throw new Error("own player missing");
  return player;
}

/** Steers `joined` (a red player) until the score changes; fails after `timeoutMs` saying where the ball was. */
export async function driveIntoGoal(joined: Joined, timeoutMs = 30_000): Promise<void> {
  const state = joined.room.state;
  const channel = inputChannel(joined);
  const before = state.scoreRed + state.scoreBlue;
  const deadline = Date.now() + timeoutMs;
  while (state.scoreRed + state.scoreBlue === before) {
    if (Date.now() > deadline) throw new Error(`no goal in ${timeoutMs / 1000} s; ball at ${state.ball.x}, ${state.ball.y}`);
    sendIntent(channel, steer(ownPlayer(joined), state.ball, RIGHT_GOAL));
    await sleep(16);
  }
}

/** A match with a score limit of one, played out: the host starts it, the friend (blue) runs clear up the pitch, the
 * host (red) drives the ball into the goal, and full time follows. */
export async function playToOneGoal(host: Joined, friend: Joined): Promise<void> {
  await waitFor(() => host.room.state.players.size >= 2, "both players");
  host.room.send("startMatch");
  await waitFor(() => host.room.state.phase === "playing", "play after the countdown", 30_000);
  const clears = sendInputs(inputChannel(friend), Array.from({ length: 90 }, () => ({ moveX: 0, moveY: -AXIS_MAX, kick: false })));
  await driveIntoGoal(host, 60_000);
  await clears;
  await waitFor(() => host.room.state.phase === "ended", "full time at the score limit", 30_000);
}
