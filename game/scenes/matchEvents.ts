// Sound-worthy moments read from the server's snapshots only (never from prediction): phase changes (whistles, goal) and ball impacts (kick, bump, post, wall).
//
// How it works: each new snapshot (a new server tick) gives the ball's authoritative position. Two
// consecutive snapshots give a velocity; when the next velocity differs by more than IMPACT_PX_PER_TICK
// while the ball is in play, something hit the ball at the middle snapshot. What it hit is read from
// where the ball was then: a player within reach (a kick if that player held kick then or at the next
// snapshot, else a bump), a post, or a wall; then it starts over, so one hit is heard once. A goal, a whistle and the final whistle are phase changes. Since only decoded
// server state goes in, a kick the client merely predicted never makes a sound.
import { BALL, FIELD, KICK, PLAYER } from "../../shared/constants.ts";
import { isBallLive } from "../../shared/match/phase.ts";

export interface SnapshotPlayer {
  id: string;
  x: number;
  y: number;
  kicking: boolean;
  onPitch: boolean;
}

export interface Snapshot {
  tick: number;
  phase: string;
  ball: { x: number; y: number };
  players: readonly SnapshotPlayer[];
  lastGoalTeam: string;
  /** Both teams' goals added up: a rise is a goal, whatever the phase that follows (golden goal ends at once). */
  goals: number;
}

export type MatchEvent =
  | { kind: "kick"; by: string; x: number; y: number; strength: number }
  | { kind: "bump" | "post" | "wall"; x: number; y: number; strength: number }
  | { kind: "goal"; team: string }
  | { kind: "whistle" }
  | { kind: "finalWhistle" };

/** A change of ball velocity (px per tick) this large is a hit, far above rolling friction (1 % per tick). */
const IMPACT_PX_PER_TICK = 1.5;
/** Snapshots further apart than this (ticks) say nothing reliable about velocity. */
const MAX_GAP_TICKS = 8;
/** Slack for "near" (px): the hit happened somewhere between two snapshots. */
const SLACK = 14;
const POSTS = [0, FIELD.width].flatMap((x) => [FIELD.height / 2 - FIELD.goalHalfWidth, FIELD.height / 2 + FIELD.goalHalfWidth].map((y) => ({ x, y })));

export class MatchEventDetector {
  private history: Snapshot[] = [];
  private phase = "";
  private goals = -1;

  /** Feed each new snapshot once; returns what happened at it. */
  observe(snapshot: Snapshot): MatchEvent[] {
    const events: MatchEvent[] = [];
    const previousPhase = this.phase;
    this.phase = snapshot.phase;
    if (this.goals >= 0 && snapshot.goals > this.goals) events.push({ kind: "goal", team: snapshot.lastGoalTeam });
    this.goals = snapshot.goals;
    if (previousPhase && previousPhase !== snapshot.phase) {
      if (snapshot.phase === "ended") events.push({ kind: "finalWhistle" });
      if (snapshot.phase === "playing" && previousPhase === "countdown") events.push({ kind: "whistle" });
    }
    const last = this.history[this.history.length - 1];
    // Kickoff teleports and gaps would read as huge hits: start over on any phase change or gap.
    if (!last || last.phase !== snapshot.phase || snapshot.tick - last.tick > MAX_GAP_TICKS || snapshot.tick <= last.tick || !isBallLive(snapshot.phase)) {
      this.history = isBallLive(snapshot.phase) ? [snapshot] : [];
      return events;
    }
    this.history.push(snapshot);
    if (this.history.length > 3) this.history.shift();
    if (this.history.length < 3) return events;
    const [a, b, c] = this.history;
    const before = velocity(a, b);
    const after = velocity(b, c);
    const change = Math.hypot(after.x - before.x, after.y - before.y);
    if (change < IMPACT_PX_PER_TICK) return events;
    const strength = Math.min(1, change / 12);
    const impact = classify(b, c, strength);
    if (impact) events.push(impact);
    // The hit also bends the next pair of velocities: start over so it is heard once.
    this.history = [c];
    return events;
  }
}

function velocity(from: Snapshot, to: Snapshot): { x: number; y: number } {
  const ticks = to.tick - from.tick;
  return { x: (to.ball.x - from.ball.x) / ticks, y: (to.ball.y - from.ball.y) / ticks };
}

/** What the ball hit near snapshot `at`; `next` tells whether a nearby player held kick (a kick shows in either). */
function classify(at: Snapshot, next: Snapshot, strength: number): MatchEvent | null {
  const { x, y } = at.ball;
  const reach = PLAYER.radius + BALL.radius + KICK.reach + SLACK;
  let nearest: SnapshotPlayer | null = null;
  let nearestDistance = Infinity;
  for (const player of at.players) {
    if (!player.onPitch) continue;
    const distance = Math.hypot(player.x - x, player.y - y);
    if (distance < nearestDistance) { nearest = player; nearestDistance = distance; }
  }
  if (nearest && nearestDistance <= reach) {
    const id = nearest.id;
    const kicking = nearest.kicking || next.players.some((p) => p.id === id && p.kicking);
    return kicking ? { kind: "kick", by: id, x, y, strength } : { kind: "bump", x, y, strength };
  }
  if (POSTS.some((post) => Math.hypot(post.x - x, post.y - y) <= BALL.radius + SLACK)) return { kind: "post", x, y, strength };
  const r = BALL.radius + SLACK;
  if (y <= r || y >= FIELD.height - r || x <= r || x >= FIELD.width - r) return { kind: "wall", x, y, strength };
  return null;
}
