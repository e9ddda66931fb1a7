// Unit test: what the server's metrics count as a late step, and how harness/serverMetrics.ts reads the Prometheus text back (bucket-interpolated percentiles).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parsePrometheusText, serverMetricsOf } from "../../../harness/serverMetrics.ts";
import { metricsRegistry, resetMetrics, StepTimer, timePatch } from "../../../server/metrics.ts";

describe("server step metrics read through the harness", () => {
  let now = 0;
  beforeEach(async () => {
    await resetMetrics();
    vi.spyOn(performance, "now").mockImplementation(() => now);
  });
  afterEach(() => { vi.restoreAllMocks(); });

  /** One step of `ms` that begins at `at` (ms on the mocked clock). */
  const step = (timer: StepTimer, at: number, ms: number): void => {
    now = at;
    const stepped = timer.start();
    now = at + ms;
    stepped();
  };

  it("counts a step that overran its period and one that started over 1.5 periods behind its room's schedule, apart, per room", async () => {
    const room = new StepTimer();
    const other = new StepTimer();
    step(room, 0, 1);
    step(room, 16.7, 1);
    step(other, 20, 1); // another room's first step: never late, whatever the first room did
    step(room, 60, 20); // due at 33.3: 26.7 ms behind (> 25 ms), and 20 ms long (> 16.7 ms)
    step(room, 80, 1); // due at 50: the room caught up right after the late step, so still on its schedule
    step(room, 85, 1); // due at 66.7
    const metrics = serverMetricsOf(await metricsRegistry.metrics());
    expect(metrics.totalSteps).toBe(6);
    expect(metrics.lateSteps).toBe(1);
    expect(metrics.lateStarts).toBe(2);
    // p50 is a 1 ms step, p99 the 20 ms one: each within its bucket (25 % wide).
    expect(metrics.stepP50Ms).toBeGreaterThan(0.8);
    expect(metrics.stepP50Ms).toBeLessThanOrEqual(1.25);
    expect(metrics.stepP99Ms).toBeGreaterThan(16);
    expect(metrics.stepP99Ms).toBeLessThanOrEqual(25);
  });

  it("counts no late start for the framework's timer granularity, one for a stall, and restarts the schedule after a dropped backlog", async () => {
    // Colyseus: setInterval fires every ~16.2 ms, an accumulator runs a step whenever a period (16.7 ms) has built up,
    // so now and then a callback runs no step and the next step comes 32 ms after the last.
    const room = new StepTimer();
    const period = 1000 / 60;
    let accumulated = 0;
    let at = 0;
    let gaps = 0;
    let last = Number.NaN;
    for (let callback = 0; callback < 620; callback++) {
      at += 16.2;
      accumulated += 16.2;
      while (accumulated >= period) {
        accumulated -= period;
        if (at - last > 1.5 * period) gaps += 1;
        last = at;
        step(room, at, 0.5);
      }
    }
    expect(gaps).toBeGreaterThan(10); // the old measure counted every one of these as late
    expect(serverMetricsOf(await metricsRegistry.metrics()).lateStarts).toBe(0);
    // A 60 ms stall: the steps due 43 and 27 ms before the catch-up ran are late; the rest of the catch-up is not.
    const stalledTo = last + 60;
    step(room, stalledTo, 0.5);
    for (let i = 1; i <= 3; i++) step(room, stalledTo + i * 0.6, 0.5);
    expect(serverMetricsOf(await metricsRegistry.metrics()).lateStarts).toBe(2);
    // A 1 s stall: past the framework's 5-step catch-up the backlog is dropped; one late start, then a fresh schedule.
    const resumed = stalledTo + 1000;
    for (let i = 0; i < 10; i++) step(room, resumed + i * period, 0.5);
    expect(serverMetricsOf(await metricsRegistry.metrics()).lateStarts).toBe(3);
  });

  it("times patches, and a reset starts a new window with every series back at zero", async () => {
    now = 0;
    const sent = timePatch();
    now = 2;
    sent();
    step(new StepTimer(), 0, 30);
    const before = serverMetricsOf(await metricsRegistry.metrics());
    expect(before.totalPatches).toBe(1);
    expect(before.patchP50Ms).toBeGreaterThan(1.6);
    expect(before.patchP50Ms).toBeLessThanOrEqual(2.5);
    await resetMetrics();
    const after = serverMetricsOf(await metricsRegistry.metrics());
    expect([after.totalSteps, after.totalPatches, after.lateSteps, after.lateStarts, after.stepP99Ms, after.patchP99Ms]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("parsePrometheusText", () => {
  it("reads names, escaped label values, +Inf and timestamps; skips comments", () => {
    const samples = parsePrometheusText([
      "# HELP x_total A counter.",
      "# TYPE x_total counter",
      'x_total{path="/a\\"b\\\\c",code="200"} 3 1700000000000',
      'h_bucket{le="+Inf"} 7',
      "plain 1.5e-3",
      "",
    ].join("\n"));
    expect(samples).toEqual([
      { name: "x_total", labels: { path: '/a"b\\c', code: "200" }, value: 3 },
      { name: "h_bucket", labels: { le: "+Inf" }, value: 7 },
      { name: "plain", labels: {}, value: 0.0015 },
    ]);
  });
});
