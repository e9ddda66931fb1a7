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

  it("counts a step that overran its period and one that started over 1.5 periods late, apart, per room", async () => {
    const room = new StepTimer();
    const other = new StepTimer();
    step(room, 0, 1);
    step(room, 16.7, 1);
    step(other, 20, 1); // another room's first step: never late, whatever the first room did
    step(room, 60, 20); // 43 ms after the room's previous start (> 25 ms), and 20 ms long (> 16.7 ms)
    step(room, 80, 1); // 20 ms after: on time
    const metrics = serverMetricsOf(await metricsRegistry.metrics());
    expect(metrics.totalSteps).toBe(5);
    expect(metrics.lateSteps).toBe(1);
    expect(metrics.lateStarts).toBe(1);
    // p50 is a 1 ms step, p99 the 20 ms one: each within its bucket (25 % wide).
    expect(metrics.stepP50Ms).toBeGreaterThan(0.8);
    expect(metrics.stepP50Ms).toBeLessThanOrEqual(1.25);
    expect(metrics.stepP99Ms).toBeGreaterThan(16);
    expect(metrics.stepP99Ms).toBeLessThanOrEqual(25);
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
