// Unit test: the per-socket message rate — a burst after a silence passes at once, frames past the budget are held back and delivered in order as it refills, and an overflowing queue closes once.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MessageRate, type RateLimits } from "../../../server/messageRate.ts";

const LIMITS: RateLimits = { perSecond: 10, burst: 50, queueFrames: 10, queueBytes: 1000 };

describe("MessageRate", () => {
  let now = 0;
  let delivered: number[];
  let overflows: number;
  let rate: MessageRate<number>;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
    delivered = [];
    overflows = 0;
    rate = new MessageRate<number>(LIMITS, (frame) => delivered.push(frame), () => { overflows += 1; }, () => now);
  });
  afterEach(() => { vi.useRealTimers(); });

  const advance = (ms: number): void => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it("lets a whole burst through at once after a silence (the inputs queued during a stall)", () => {
    for (let i = 0; i < 50; i++) rate.admit(i, 10);
    expect(delivered).toHaveLength(50);
    expect(rate.held).toBe(0);
    // The bucket refills with silence: 3 s later another 30 pass at once.
    advance(3000);
    for (let i = 50; i < 80; i++) rate.admit(i, 10);
    expect(delivered).toHaveLength(80);
  });

  it("holds frames past the budget and delivers them in order as the bucket refills (throttle, not drop)", () => {
    for (let i = 0; i < 55; i++) rate.admit(i, 10);
    expect(delivered).toHaveLength(50);
    expect(rate.held).toBe(5);
    advance(250);
    expect(delivered).toHaveLength(52);
    advance(300);
    expect(delivered).toEqual(Array.from({ length: 55 }, (_, i) => i));
    expect(overflows).toBe(0);
  });

  it("calls overflow once when the held-back queue overflows, and drops everything after", () => {
    for (let i = 0; i < 50 + LIMITS.queueFrames; i++) rate.admit(i, 10);
    expect(overflows).toBe(0);
    rate.admit(999, 10);
    expect(overflows).toBe(1);
    for (let i = 0; i < 100; i++) rate.admit(i, 10);
    advance(10_000);
    expect(overflows).toBe(1);
    expect(delivered).toHaveLength(50);
  });

  it("counts held-back bytes too", () => {
    for (let i = 0; i < 50; i++) rate.admit(i, 10);
    rate.admit(1, 600);
    expect(overflows).toBe(0);
    rate.admit(2, 600);
    expect(overflows).toBe(1);
  });

  it("a sustained rate at the limit never overflows", () => {
    for (let second = 0; second < 30; second++) {
      for (let i = 0; i < 10; i++) {
        rate.admit(i, 10);
        advance(100);
      }
    }
    expect(overflows).toBe(0);
    expect(delivered).toHaveLength(300);
  });
});
