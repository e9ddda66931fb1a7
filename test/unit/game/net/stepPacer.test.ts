// Unit test: the input step pacer sends 60 steps per second of frames at any frame rate, each stamped with its own moment.
import { describe, expect, it } from "vitest";
import { MAX_STEPS_PER_FRAME, StepPacer } from "../../../../game/net/stepPacer.ts";

const STEP_MS = 1000 / 60;

function run(fps: number, seconds: number): number[] {
  const pacer = new StepPacer();
  const times: number[] = [];
  for (let frame = 0; frame <= fps * seconds; frame++) times.push(...pacer.due(1000 + (frame * 1000) / fps, STEP_MS));
  return times;
}

describe("StepPacer", () => {
  it("gives 60 steps per second at 60, 30, 10 and 3 fps", () => {
    for (const fps of [60, 30, 10, 3]) {
      const times = run(fps, 3);
      expect(Math.abs(times.length - 180), `${fps} fps`).toBeLessThanOrEqual(1);
    }
  });

  it("stamps each step with its own moment, one step apart, never in the future", () => {
    const pacer = new StepPacer();
    pacer.due(1000, STEP_MS);
    const times = pacer.due(1100, STEP_MS); // a 10 fps frame: 6 steps
    expect(times).toHaveLength(6);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(STEP_MS, 6);
    expect(times[times.length - 1]).toBeLessThanOrEqual(1100);
    expect(times[0]).toBeGreaterThan(1000);
  });

  it("drops the backlog of a hitch longer than a 2 fps frame instead of flooding the server", () => {
    const pacer = new StepPacer();
    pacer.due(0, STEP_MS);
    expect(pacer.due(5000, STEP_MS)).toHaveLength(MAX_STEPS_PER_FRAME);
    expect(pacer.due(5000 + STEP_MS, STEP_MS)).toHaveLength(1);
  });
});
