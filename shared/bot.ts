// Practice bot brain: chase the ball from behind and kick it towards the opponents' goal. Pure and deterministic.
import { BALL, FIELD, KICK, PLAYER } from "./constants.ts";
import { AXIS_MAX, type InputIntent } from "./input.ts";
import type { Body } from "./physics.ts";
import type { PlayingTeam } from "./state.ts";

/** How far behind the ball (away from the target goal) the bot lines up before pushing through. */
const LINE_UP_DISTANCE = PLAYER.radius + BALL.radius + 14;

/**
 * The input a bot would press this tick: run to a spot behind the ball on the line from the target
 * goal, then drive through the ball and hold kick when it is in reach.
 */
export function botIntent(bot: Body, ball: Body, team: PlayingTeam): InputIntent {
  const goalX = team === "red" ? FIELD.width + FIELD.goalDepth / 2 : -FIELD.goalDepth / 2;
  const goalY = FIELD.height / 2;
  const toGoalX = goalX - ball.x;
  const toGoalY = goalY - ball.y;
  const toGoalLength = Math.hypot(toGoalX, toGoalY) || 1;
  const dirX = toGoalX / toGoalLength;
  const dirY = toGoalY / toGoalLength;
  const behindX = ball.x - dirX * LINE_UP_DISTANCE;
  const behindY = ball.y - dirY * LINE_UP_DISTANCE;
  const toBallX = ball.x - bot.x;
  const toBallY = ball.y - bot.y;
  const ballDistance = Math.hypot(toBallX, toBallY);
  // Lined up when the bot sits roughly on the goal-ball line, behind the ball.
  const alignment = ballDistance > 0 ? (toBallX * dirX + toBallY * dirY) / ballDistance : 0;
  const lined = alignment > 0.8;
  const targetX = lined ? ball.x + dirX * 20 : behindX;
  const targetY = lined ? ball.y + dirY * 20 : behindY;
  const moveX = targetX - bot.x;
  const moveY = targetY - bot.y;
  const moveLength = Math.hypot(moveX, moveY);
  const scale = moveLength > 4 ? AXIS_MAX / moveLength : 0;
  const inReach = ballDistance - PLAYER.radius - BALL.radius <= KICK.reach;
  return {
    moveX: Math.trunc(moveX * scale),
    moveY: Math.trunc(moveY * scale),
    kick: lined && inReach,
  };
}
