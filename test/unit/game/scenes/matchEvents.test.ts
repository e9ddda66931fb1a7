// Client sound events from server snapshots: a kick, a wall bounce and a post are told apart on worlds run by the shared step; rolling, teleports and phase changes stay quiet.
import { describe, expect, it } from "vitest";
import { BALL, FIELD, PLAYER, TICK_HZ } from "../../../../shared/constants.ts";
import { AXIS_MAX, IDLE_INTENT, type InputIntent } from "../../../../shared/input.ts";
import { stepWorld, type PhysicsWorld } from "../../../../shared/physics.ts";
import { MatchEventDetector, type MatchEvent, type Snapshot } from "../../../../game/scenes/matchEvents.ts";

const DT = 1 / TICK_HZ;
/** Snapshots reach the client every second tick (30 Hz patches). */
const TICKS_PER_SNAPSHOT = 2;

function snapshot(world: PhysicsWorld, tick: number, phase = "playing", goals = 0): Snapshot {
  return {
    tick, phase, goals, lastGoalTeam: "",
    ball: { x: world.ball.x, y: world.ball.y },
    players: world.players.map((p, i) => ({ id: `p${i}`, x: p.x, y: p.y, kicking: p.kicking, onPitch: true })),
  };
}

/** Runs the shared step for `ticks`, feeding the detector a snapshot every second tick, and returns every event. */
function play(world: PhysicsWorld, ticks: number, input: (tick: number) => InputIntent[]): MatchEvent[] {
  const detector = new MatchEventDetector();
  const events: MatchEvent[] = [];
  for (let tick = 1; tick <= ticks; tick++) {
    const inputs = input(tick);
    world.players.forEach((p, i) => { p.kicking = inputs[i]?.kick ?? false; });
    stepWorld(world, inputs, DT);
    if (tick % TICKS_PER_SNAPSHOT === 0) events.push(...detector.observe(snapshot(world, tick)));
  }
  return events;
}

const player = (x: number, y: number) => ({ x, y, vx: 0, vy: 0, kicking: false, kickCooldown: 0 });

describe("match events from snapshots", () => {
  it("hears a kick once, from the player who kicked", () => {
    const world: PhysicsWorld = { players: [player(500, 250)], ball: { x: 500 + PLAYER.radius + BALL.radius + 3, y: 250, vx: 0, vy: 0 } };
    const events = play(world, 40, (tick) => [{ ...IDLE_INTENT, kick: tick >= 10 && tick < 14 }]);
    expect(events.filter((e) => e.kind === "kick")).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "kick", by: "p0" });
  });

  it("hears the side wall and a post, and nothing while the ball rolls freely", () => {
    const rolling: PhysicsWorld = { players: [], ball: { x: 300, y: 250, vx: 300, vy: 0 } };
    expect(play(rolling, 60, () => [])).toEqual([]);
    const toWall: PhysicsWorld = { players: [], ball: { x: 500, y: 200, vx: 0, vy: -500 } };
    expect(play(toWall, 60, () => []).map((e) => e.kind)).toEqual(["wall"]);
    const toPost: PhysicsWorld = { players: [], ball: { x: FIELD.width - 120, y: FIELD.height / 2 - FIELD.goalHalfWidth, vx: 600, vy: 0 } };
    expect(play(toPost, 60, () => []).map((e) => e.kind)).toContain("post");
  });

  it("takes a moving player pushing the ball as a bump, not a kick", () => {
    const world: PhysicsWorld = { players: [player(400, 250)], ball: { x: 440, y: 250, vx: 0, vy: 0 } };
    const kinds = play(world, 30, () => [{ moveX: AXIS_MAX, moveY: 0, kick: false }]).map((e) => e.kind);
    expect(kinds).not.toContain("kick");
  });

  it("stays quiet over a kickoff teleport, and whistles on phase changes and a goal", () => {
    const detector = new MatchEventDetector();
    const at = (tick: number, x: number, phase: string, goals = 0): Snapshot =>
      ({ tick, phase, goals, lastGoalTeam: "red", ball: { x, y: 250 }, players: [] });
    expect(detector.observe(at(2, 980, "playing"))).toEqual([]);
    expect(detector.observe(at(4, 1010, "playing"))).toEqual([]);
    expect(detector.observe(at(6, 1040, "goal", 1))).toEqual([{ kind: "goal", team: "red" }]);
    expect(detector.observe(at(8, 500, "countdown", 1))).toEqual([]);
    expect(detector.observe(at(10, 500, "playing", 1))).toEqual([{ kind: "whistle" }]);
    expect(detector.observe(at(12, 500, "playing", 1))).toEqual([]);
    expect(detector.observe(at(14, 500, "ended", 1))).toEqual([{ kind: "finalWhistle" }]);
  });
});
