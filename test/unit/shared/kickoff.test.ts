// Unit test: kickoff spots — in the team's own half, mirrored between teams, and exactly on the wire's position grid.
import { describe, expect, it } from "vitest";
import { FIELD, PLAYER, POSITION_GRID } from "../../../shared/constants.ts";
import { Player } from "../../../shared/state.ts";
import { kickoffSpot, placeBallForKickoff } from "../../../shared/kickoff.ts";
import { makeBall } from "../../helpers/world.ts";

const INDEXES = [0, 1, 2, 3, 4, 5, 6];

describe("kickoff", () => {
  it("puts red in the left half and blue mirrored in the right half, inside the field", () => {
    for (const index of INDEXES) {
      const red = kickoffSpot("red", index);
      const blue = kickoffSpot("blue", index);
      expect(red.x).toBeGreaterThan(PLAYER.radius);
      expect(red.x).toBeLessThan(FIELD.width / 2 - PLAYER.radius);
      expect(blue.x).toBeGreaterThan(FIELD.width / 2 + PLAYER.radius);
      expect(blue.x).toBeLessThan(FIELD.width - PLAYER.radius);
      expect(blue.x).toBe(FIELD.width - red.x);
      expect(blue.y).toBe(red.y);
      expect(red.y).toBeGreaterThanOrEqual(PLAYER.radius);
      expect(red.y).toBeLessThanOrEqual(FIELD.height - PLAYER.radius);
    }
  });

  it("gives distinct spots to the first six players of a team", () => {
    const spots = new Set(INDEXES.slice(0, 6).map((i) => JSON.stringify(kickoffSpot("red", i))));
    expect(spots.size).toBe(6);
  });

  it("places everything on the wire's position grid, carried exactly by the quantized schema", () => {
    // Why: after a kickoff the countdown freezes the world, so the first playing step starts from
    // these values. The server steps from its own copy while the client's reconciler replays from
    // the value it received; off-grid values would let the two snap to different results.
    const wire = new Player();
    for (const index of INDEXES) {
      for (const team of ["red", "blue"] as const) {
        const { x, y } = kickoffSpot(team, index);
        for (const value of [x, y]) {
          expect(Number.isInteger(value * POSITION_GRID), `${team} #${index}: ${value}`).toBe(true);
          wire.x = value;
          expect(wire.x).toBe(value);
        }
      }
    }
    const ball = makeBall(1, 2, 3, 4);
    placeBallForKickoff(ball);
    expect(ball).toEqual({ x: FIELD.width / 2, y: FIELD.height / 2, vx: 0, vy: 0 });
  });
});
