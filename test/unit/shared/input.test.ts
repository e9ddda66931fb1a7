// Unit test: sanitizeInput makes any wire input legal — clamps, zeroes non-finite/non-numbers, normalises diagonals, booleans kick.
import { describe, expect, it } from "vitest";
import { AXIS_MAX, sanitizeInput, type InputIntent } from "../../../shared/input.ts";

/** Builds an input the way a hostile or broken client could: any value in any field. */
function raw(moveX: unknown, moveY: unknown, kick: unknown): InputIntent {
  return { moveX, moveY, kick } as unknown as InputIntent;
}

describe("sanitizeInput", () => {
  it("leaves a legal input alone and works in place", () => {
    const input: InputIntent = { moveX: 100, moveY: -50, kick: true };
    const result = sanitizeInput(input);
    expect(result).toBe(input);
    expect(input).toEqual({ moveX: 100, moveY: -50, kick: true });
  });

  it("clamps out-of-range axes to ±AXIS_MAX", () => {
    expect(sanitizeInput(raw(1000, 0, false))).toEqual({ moveX: AXIS_MAX, moveY: 0, kick: false });
    expect(sanitizeInput(raw(0, -128, false))).toEqual({ moveX: 0, moveY: -AXIS_MAX, kick: false });
    expect(sanitizeInput(raw(-1e9, 0, false))).toEqual({ moveX: -AXIS_MAX, moveY: 0, kick: false });
  });

  it("rounds fractional axes to integers", () => {
    expect(sanitizeInput(raw(10.4, -10.6, false))).toEqual({ moveX: 10, moveY: -11, kick: false });
  });

  it("turns NaN, ±Infinity and non-numbers into 0", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "127", null, undefined, {}, [5], true]) {
      const input = sanitizeInput(raw(bad, bad, false));
      expect(input.moveX).toBe(0);
      expect(input.moveY).toBe(0);
    }
    // One bad axis does not spoil the other.
    expect(sanitizeInput(raw(Number.NaN, 60, false))).toEqual({ moveX: 0, moveY: 60, kick: false });
  });

  it("normalises diagonals so they are no faster than a straight line", () => {
    for (const [x, y] of [[127, 127], [-127, 127], [127, -127], [-127, -127], [100, 100], [127, 60]]) {
      const input = sanitizeInput(raw(x, y, false));
      expect(Math.hypot(input.moveX, input.moveY)).toBeLessThanOrEqual(AXIS_MAX);
      expect(Math.hypot(input.moveX, input.moveY)).toBeGreaterThan(AXIS_MAX - 2); // still (almost) full speed
      expect(Math.sign(input.moveX)).toBe(Math.sign(x)); // same direction
      expect(Math.sign(input.moveY)).toBe(Math.sign(y));
      expect(Number.isInteger(input.moveX) && Number.isInteger(input.moveY)).toBe(true);
    }
    expect(sanitizeInput(raw(127, 127, false))).toEqual({ moveX: 89, moveY: 89, kick: false });
    // A diagonal already within the circle is kept as it is.
    expect(sanitizeInput(raw(60, -60, false))).toEqual({ moveX: 60, moveY: -60, kick: false });
  });

  it("coerces kick to a boolean: only true is true", () => {
    expect(sanitizeInput(raw(0, 0, true)).kick).toBe(true);
    for (const bad of [1, "true", "yes", {}, null, undefined, Number.NaN, false]) {
      const input = sanitizeInput(raw(0, 0, bad));
      expect(typeof input.kick).toBe("boolean");
      expect(input.kick).toBe(false);
    }
  });

  it("is idempotent", () => {
    const once = sanitizeInput(raw(500, -300.7, "x"));
    const twice = sanitizeInput({ ...once });
    expect(twice).toEqual(once);
  });
});
