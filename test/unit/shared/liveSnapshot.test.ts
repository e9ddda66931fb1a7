// Unit test: the polling endpoint's JSON — built from match state on the room clock, and checked strictly when read back.
import { describe, expect, it } from "vitest";
import { livePath, liveSnapshotOf, parseLiveSnapshot, type LiveSource } from "../../../shared/liveSnapshot.ts";

function source(overrides: Partial<LiveSource> = {}): LiveSource {
  return {
    phase: "playing", phaseTicks: 0, elapsedTicks: 600, goldenGoal: false, scoreRed: 2, scoreBlue: 1,
    lastGoalTeam: "red", winner: "", tick: 12345, settings: { scoreLimit: 3, timeLimitSeconds: 180 },
    ball: { x: 412.5, y: 250 }, ...overrides,
  };
}

describe("live snapshot", () => {
  it("copies score, phase, tick and ball, shows the clock the HUD shows, and truncates server time like the wire stamp", () => {
    const snapshot = liveSnapshotOf("abc", source(), 98765.9);
    expect(snapshot).toEqual({
      roomId: "abc", phase: "playing", scoreRed: 2, scoreBlue: 1, elapsedTicks: 600, clockSeconds: 170,
      ball: { x: 412.5, y: 250 }, tick: 12345, serverTime: 98765,
    });
    // Without a time limit the clock counts up.
    expect(liveSnapshotOf("abc", source({ settings: { scoreLimit: 3, timeLimitSeconds: 0 } }), 0).clockSeconds).toBe(10);
  });

  it("reads back its own JSON and rejects anything else", () => {
    const snapshot = liveSnapshotOf("abc", source(), 1000);
    expect(parseLiveSnapshot(JSON.parse(JSON.stringify(snapshot)) as unknown)).toEqual(snapshot);
    expect(parseLiveSnapshot(null)).toBeNull();
    expect(parseLiveSnapshot({ ...snapshot, ball: null })).toBeNull();
    expect(parseLiveSnapshot({ ...snapshot, scoreRed: "2" })).toBeNull();
    expect(parseLiveSnapshot({ ...snapshot, serverTime: Number.NaN })).toBeNull();
    expect(parseLiveSnapshot({ ...snapshot, roomId: 5 })).toBeNull();
  });

  it("names the endpoint path with the room id escaped", () => {
    expect(livePath("a/b")).toBe("/api/rooms/a%2Fb/live");
  });
});
