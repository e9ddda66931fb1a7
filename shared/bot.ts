// Practice bot brain: chase the ball from behind and kick it towards the opponents' goal. Pure and deterministic.
import { BALL, FIELD, KICK, PLAYER, TICK_HZ } from "./constants.ts";
import { AXIS_MAX, type InputIntent } from "./input.ts";
import type { PlayingTeam } from "./match/teams.ts";

interface Point {
  x: number;
  y: number;
}

/** The ball as any client sees it: a synced position and the speed its positions show.
 * Why not the ball's velocity: it is never synced, so a bot that read it (as the SDK bench bots did)
 * saw a ball at rest while the server's bots saw the real one. Every bot now sees the same thing. */
export interface BallSight extends Point {
  /** px/s, from the distance the ball moved since it was last seen. */
  speed: number;
}

/** The ball seen at `now`, `ticksSince` ticks after it was seen at `before` (speed 0 with no earlier sighting). */
export function sightOfBall(now: Point, before: Point | null, ticksSince: number): BallSight {
  const speed = before && ticksSince > 0 ? (Math.hypot(now.x - before.x, now.y - before.y) * TICK_HZ) / ticksSince : 0;
  return { x: now.x, y: now.y, speed };
}

/** How far behind the ball (away from the target goal) the bot lines up before pushing through. */
const LINE_UP_DISTANCE = PLAYER.radius + BALL.radius + 14;
/** Closer than this to a side line, the ball is played back into the field first. */
const WALL_MARGIN = PLAYER.radius * 2 + BALL.radius;
/** Below this speed (px/s) a ball in reach gets kicked whatever the angle, so nothing stays pinned. */
const STALL_SPEED = 30;

/**
 * The input a bot would press this tick: run to a spot behind the ball on the line from the target
 * goal, then drive through the ball and hold kick when it is in reach. `variant` (e.g. the bot's
 * number) picks which part of the goal mouth it aims at.
 */
export function botIntent(bot: Point, ball: BallSight, team: PlayingTeam, variant = 0): InputIntent {
  const goalX = team === "red" ? FIELD.width + FIELD.goalDepth / 2 : -FIELD.goalDepth / 2;
  // Each bot aims at its own spot in the mouth (by team and variant), so two bots meeting head-on
  // push along different lines and the ball squirts out instead of being pinned between them.
  const aim = (((variant + (team === "red" ? 0 : 1)) % 3) - 1) * (FIELD.goalHalfWidth * 0.6);
  const goalY = FIELD.height / 2 + aim;
  const toGoalX = goalX - ball.x;
  const toGoalY = goalY - ball.y;
  // Near a side line there is no room behind the ball: aim back into the field instead.
  const nearWall = ball.y < WALL_MARGIN ? 1 : ball.y > FIELD.height - WALL_MARGIN ? -1 : 0;
  // (mostly along the wall, slightly off it: the bot can always get behind the ball on that line)
  const rawY = nearWall === 0 ? toGoalY : nearWall * Math.abs(toGoalX) * 0.15;
  const toGoalLength = Math.hypot(toGoalX, rawY) || 1;
  const dirX = toGoalX / toGoalLength;
  const dirY = rawY / toGoalLength;
  const behindX = ball.x - dirX * LINE_UP_DISTANCE;
  const behindY = ball.y - dirY * LINE_UP_DISTANCE;
  // Even-numbered bots defend while the ball is in the other half: hold a spot between ball and goal.
  const ownGoalX = team === "red" ? 0 : FIELD.width;
  const ballInTheirHalf = team === "red" ? ball.x > FIELD.width / 2 : ball.x < FIELD.width / 2;
  if (variant % 2 === 0 && variant > 0 && ballInTheirHalf) {
    const holdX = ownGoalX + (team === "red" ? 1 : -1) * FIELD.width * 0.3;
    const holdY = FIELD.height / 2 + (ball.y - FIELD.height / 2) * 0.5;
    return steerTowards(bot, holdX, holdY, false);
  }
  const toBallX = ball.x - bot.x;
  const toBallY = ball.y - bot.y;
  const ballDistance = Math.hypot(toBallX, toBallY);
  // Lined up when the bot sits roughly on the goal-ball line, behind the ball.
  const alignment = ballDistance > 0 ? (toBallX * dirX + toBallY * dirY) / ballDistance : 0;
  const lined = alignment > 0.8;
  let targetX = lined ? ball.x + dirX * 20 : behindX;
  let targetY = lined ? ball.y + dirY * 20 : behindY;
  if (!lined && alignment < 0 && ballDistance < LINE_UP_DISTANCE * 2.5) {
    // In front of the ball: swing round it on the side we are already on instead of pushing it back.
    const side = Math.sign(-toBallX * dirY + toBallY * dirX) || 1;
    targetX = ball.x - dirY * side * LINE_UP_DISTANCE * 1.5 - dirX * LINE_UP_DISTANCE;
    targetY = ball.y + dirX * side * LINE_UP_DISTANCE * 1.5 - dirY * LINE_UP_DISTANCE;
  }
  const inReach = ballDistance - PLAYER.radius - BALL.radius <= KICK.reach;
  // Kick whenever the ball would go roughly forwards, not only when perfectly lined up: it breaks
  // the stalemates where two bots lean on the ball from opposite sides.
  const stalled = ball.speed < STALL_SPEED;
  return steerTowards(bot, targetX, targetY, inReach && (alignment > 0.85 || stalled));
}

/** Full-speed input towards a point (no movement once within a few pixels). */
function steerTowards(bot: Point, targetX: number, targetY: number, kick: boolean): InputIntent {
  const moveX = targetX - bot.x;
  const moveY = targetY - bot.y;
  const moveLength = Math.hypot(moveX, moveY);
  const scale = moveLength > 4 ? AXIS_MAX / moveLength : 0;
  return { moveX: Math.trunc(moveX * scale), moveY: Math.trunc(moveY * scale), kick };
}

/** For a client's bot: turns the synced ball positions, stamped with the server tick, into a BallSight
 * (the same rule the sim's own bots see the ball by: distance moved over ticks elapsed). */
export class BallWatcher {
  private seen: { x: number; y: number; tick: number } | null = null;
  private sight: BallSight = { x: 0, y: 0, speed: 0 };

  see(ball: Point, tick: number): BallSight {
    if (this.seen && this.seen.tick === tick) return this.sight;
    this.sight = sightOfBall(ball, this.seen, this.seen ? tick - this.seen.tick : 0);
    this.seen = { x: ball.x, y: ball.y, tick };
    return this.sight;
  }
}
