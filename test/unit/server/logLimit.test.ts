// Unit test: the server log writes at most N error/warning lines a second, then one summary of how many it held back; info passes through.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rateLimitedLogger } from "../../../server/logLimit.ts";

describe("rateLimitedLogger", () => {
  let now = 0;
  let lines: string[];
  const sink = {
    error: (...args: unknown[]) => lines.push(`E ${args.join(" ")}`),
    warn: (...args: unknown[]) => lines.push(`W ${args.join(" ")}`),
    trace: (...args: unknown[]) => lines.push(`T ${args.join(" ")}`),
    info: (...args: unknown[]) => lines.push(`I ${args.join(" ")}`),
    debug: (...args: unknown[]) => lines.push(`D ${args.join(" ")}`),
  };
  beforeEach(() => { vi.useFakeTimers(); now = 0; lines = []; });
  afterEach(() => { vi.useRealTimers(); });
  const advance = (ms: number): void => { now += ms; vi.advanceTimersByTime(ms); };

  it("writes the first N lines of a second, then one summary line with the count held back", () => {
    const log = rateLimitedLogger(sink, 5, () => now);
    for (let i = 0; i < 1000; i++) log.error(`stack ${i}`);
    expect(lines).toEqual(["E stack 0", "E stack 1", "E stack 2", "E stack 3", "E stack 4"]);
    advance(1000);
    expect(lines.slice(5)).toEqual(["E [log] 995 more error/warning lines held back (limit 5/s)"]);
    // A new second: writing again.
    log.warn("later");
    expect(lines.at(-1)).toBe("W later");
  });

  it("shares the budget between error, warn and trace, and never limits info", () => {
    const log = rateLimitedLogger(sink, 2, () => now);
    log.error("a");
    log.warn("b");
    log.trace("c");
    for (let i = 0; i < 10; i++) log.info(`i${i}`);
    expect(lines.filter((l) => !l.startsWith("I"))).toEqual(["E a", "W b"]);
    expect(lines.filter((l) => l.startsWith("I"))).toHaveLength(10);
  });

  it("a sustained flood writes at most N + 1 lines a second", () => {
    const log = rateLimitedLogger(sink, 20, () => now);
    for (let ms = 0; ms < 10_000; ms += 1) {
      log.error("x");
      advance(1);
    }
    advance(2000);
    expect(lines.length).toBeLessThanOrEqual(10 * 21 + 2);
    expect(lines.filter((l) => l.includes("held back")).length).toBeGreaterThanOrEqual(9);
  });
});
