// Checks the measured figures against the quality targets of DESIGN.md, one line per target: pass, miss, or not measured here.
import { PATCH_MS, TICK_HZ } from "../../shared/constants.ts";
import { round } from "../lib/stats.ts";
import type { BenchResults, TargetCheck } from "./resultTypes.ts";

const KB = 1024;
/** How close to a rate counts as "at" it: windows cut a snapshot or two at their edges. */
const RATE_TOLERANCE = 0.97;
const REMOTE_PAST_MS = 50;
const CAPACITY_TARGET = 1000;

type Measured = Omit<BenchResults, "targets" | "notes" | "finishedAt" | "durationSeconds">;

export function checkTargets(results: Measured): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { bandwidth, capacity, liveScore, browser, bundle, ratios } = results;

  const sim = bandwidth.ticksPerSecond >= TICK_HZ * RATE_TOLERANCE && bandwidth.inputsPerClientPerSecond >= TICK_HZ * RATE_TOLERANCE;
  checks.push({
    target: "Simulation and input at 60 Hz",
    measured: `${round(bandwidth.ticksPerSecond, 1)} ticks/s, ${round(bandwidth.inputsPerClientPerSecond, 1)} inputs/s per player`,
    pass: sim,
    vsBaseline: null,
    note: "4v4 match; ticks counted from the replicated tick counter, inputs from the bots' sends",
  });

  checks.push({
    target: "Snapshots at least 30 Hz",
    measured: `${round(bandwidth.snapshotsPerClientPerSecond, 1)} snapshots/s per client`,
    pass: bandwidth.snapshotsPerClientPerSecond >= (1000 / PATCH_MS) * RATE_TOLERANCE,
    vsBaseline: null,
    note: `patchRate ${round(PATCH_MS, 1)} ms`,
  });

  const ws = liveScore.feeds.find((feed) => feed.feed === "websocket");
  checks.push({
    target: "Remote entities drawn no more than ~50 ms in the past (LAN)",
    measured: ws ? `newest snapshot age p50 ${round(ws.shownAgeMs.p50, 1)} ms, p99 ${round(ws.shownAgeMs.p99, 1)} ms` : "no WebSocket feed",
    pass: ws ? ws.shownAgeMs.p99 <= REMOTE_PAST_MS : null,
    vsBaseline: null,
    note: "the client interpolates 50 ms in the past; this passes when the newest snapshot is never older than that, so the buffer always has data",
  });

  checks.push({
    target: "Local player moves on the very next frame after a key press",
    measured: "not measured by this benchmark",
    pass: null,
    vsBaseline: null,
    note: "client-side prediction (Predict reconciler) needs no server round trip; see the input→ack latency for what prediction hides",
  });

  checks.push({
    target: "Download per client in a 4v4 match ≤ 3 KB/s",
    measured: `${round(bandwidth.bytesDownPerClientPerSecond / KB, 2)} KB/s`,
    pass: bandwidth.bytesDownPerClientPerSecond <= 3 * KB,
    vsBaseline: ratios.bytesDownPerClient,
    note: "TCP payload bytes on each bot's socket (WebSocket frames with headers, pings), 8 moving bots, match playing",
  });

  checks.push({
    target: "Upload per player ≤ 1 KB/s",
    measured: `${round(bandwidth.bytesUpPerClientPerSecond / KB, 2)} KB/s`,
    pass: bandwidth.bytesUpPerClientPerSecond <= KB,
    vsBaseline: ratios.bytesUpPerClient,
    note: "one binary input per 60 Hz step, delta-encoded",
  });

  const best = capacity.steps.filter((step) => step.held).pop();
  checks.push({
    target: "1,000 players in 4v4 rooms on one core, fixed step never late",
    measured: `held ${capacity.maxHeldBots} bots${best ? ` (${round(best.serverCpuPercent, 1)}% of a core, step+patch p99 ${round(best.stepPlusPatchP99Ms, 2)} ms)` : ""}; `
      + `projected ${Number.isFinite(capacity.projectedPlayersPerCore) ? Math.round(capacity.projectedPlayersPerCore) : "?"} players per core `
      + `(${round(capacity.marginalCpuMsPerClientSecond, 2)} CPU ms per extra player·s; idle server ${round(capacity.idleCpuPercent, 2)} % of a core)`,
    pass: capacity.maxHeldBots >= CAPACITY_TARGET,
    vsBaseline: ratios.cpuPerClient,
    note: `${capacity.stopReason}; ÷ baseline: CPU per client at ${ratios.cpuComparedAtBots} bots`,
  });

  checks.push({
    target: "Live score over WebSocket stale by no more than one snapshot interval",
    measured: ws ? `arrival age p50 ${round(ws.arrivalAgeMs.p50, 1)} ms, p99 ${round(ws.arrivalAgeMs.p99, 1)} ms (interval ${round(PATCH_MS, 1)} ms)` : "no WebSocket feed",
    pass: ws ? ws.arrivalAgeMs.p99 <= PATCH_MS : null,
    vsBaseline: null,
    note: "age of each update when it reaches the client, on the room clock",
  });

  const polls = liveScore.feeds.filter((feed) => feed.pollIntervalMs !== null);
  checks.push({
    target: "Polling side's staleness and request cost shown next to it",
    measured: polls.map((feed) => `${feed.feed}: shown age p50 ${round(feed.shownAgeMs.p50)} ms, ${round(feed.bytesPerSecond)} B/s`).join("; ") || "no polling feed",
    pass: polls.length > 0 && polls.every((feed) => feed.updatesPerSecond > 0),
    vsBaseline: null,
    note: "same run, same room, same clock as the WebSocket feed",
  });

  checks.push({
    target: "Browser keeps 60 fps with 8 players and the network panel open",
    measured: browser
      ? `median ${round(browser.fpsMedian, 1)} fps, 5th percentile ${round(browser.fps5thPercentile, 1)} fps, ${browser.playersInMatch} players, panel ${browser.networkPanelOpen ? "open" : "not found"}`
      : "browser part skipped",
    pass: browser ? browser.fpsMedian >= 57 && browser.fps5thPercentile >= 50 && browser.playersInMatch >= 8 && browser.networkPanelOpen : null,
    vsBaseline: null,
    note: "headless Chromium, SwiftShader (software WebGL) on the shared benchmark machine; pass = median ≥ 57 and 5th percentile ≥ 50 fps",
  });

  checks.push({
    target: "First load under 500 KB on the wire, menu before Phaser has booted",
    measured: browser
      ? `${round(browser.firstLoad.bytesOnWire / KB, 1)} KB on the wire; menu at ${round(browser.firstLoad.menuMs)} ms; first match frame at ${round(browser.firstLoad.firstMatchFrameMs)} ms`
      : "browser part skipped",
    pass: browser ? browser.firstLoad.bytesOnWire < 500 * KB && browser.firstLoad.menuMs > 0 : null,
    vsBaseline: null,
    note: "Chromium's Network.loadingFinished encodedDataLength summed over a first visit (no cache) until the engine booted; the menu is DOM and shows before Phaser loads",
  });

  checks.push({
    target: "First load under 500 KB gzip",
    measured: bundle ? `${round(bundle.firstLoadGzipBytes / KB, 1)} KB gzip (all files ${round(bundle.totalGzipBytes / KB, 1)} KB)` : "no build",
    pass: bundle ? bundle.firstLoadGzipBytes < 500 * KB : null,
    vsBaseline: null,
    note: "index.html, what it loads, and the images; gzip level 6 (node:zlib default)",
  });
  return checks;
}
