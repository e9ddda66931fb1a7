// Writes the Markdown summary of a benchmark run: machine, targets pass/miss, and every table (capacity, bandwidth, latency, live score, baseline, browser, bundle).
import { round, type Summary } from "../lib/stats.ts";
import type { BenchResults, CapacityFigures, LatencyFigures } from "./resultTypes.ts";

const n = (value: number, digits = 1): string => (Number.isFinite(value) ? String(round(value, digits)) : "–");
const ms = (summary: Summary): string => (summary.count > 0 ? `${n(summary.p50)} / ${n(summary.p99)}` : "–");
const kb = (bytes: number): string => n(bytes / 1024, 2);
const verdict = (pass: boolean | null): string => (pass === null ? "not measured" : pass ? "**pass**" : "**MISS**");

function capacityTable(title: string, capacity: CapacityFigures): string[] {
  const lines = [
    `#### ${title}`, "",
    "| bots | rooms | server CPU % of a core (kernel) | CPU ms / client·s | step p50 / p99 ms | patch p50 / p99 ms | event-loop delay p99 ms | late steps: overran / started late | ticks/s | snapshots/s per bot | inputs/s per bot | RSS MB | bot CPU % | machine busy % | held |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const s of capacity.steps) {
    lines.push(`| ${s.bots} | ${s.rooms} | ${n(s.serverCpuPercent)} (${n(s.serverSystemCpuPercent)}) | ${n(s.cpuMsPerClientSecond, 2)} | ${n(s.stepP50Ms, 3)} / ${n(s.stepP99Ms, 3)} | ${n(s.patchP50Ms, 3)} / ${n(s.patchP99Ms, 3)} `
      + `| ${n(s.eventLoopDelayP99Ms)} | ${s.lateSteps} / ${s.lateStarts} | ${n(s.ticksPerSecond)} | ${n(s.snapshotsPerBotPerSecond)} | ${n(s.inputsPerBotPerSecond)} | ${n(s.serverRssMB, 0)} `
      + `| ${n(s.botCpuPercent, 0)} | ${n(s.machineBusyPercent, 0)} | ${s.held ? "yes" : `no (${s.limitedBy})`}${s.remeasured ? " ²" : ""} |`);
  }
  if (capacity.steps.some((s) => s.remeasured)) lines.push("", "² measured twice: the first window failed, this is the second (a failed step is retried once because the machine is shared).");
  lines.push("", `Largest step held: **${capacity.maxHeldBots} bots** (${capacity.stopReason}). `
    + `Projected players per core: **${Number.isFinite(capacity.projectedPlayersPerCore) ? Math.round(capacity.projectedPlayersPerCore) : "–"}** `
    + `(${n(capacity.marginalCpuMsPerClientSecond, 2)} CPU ms per player per second on top of ${n(capacity.fixedCpuPercent)} % fixed; ${capacity.projection}).`, "");
  return lines;
}

function latencyRow(label: string, latency: LatencyFigures): string {
  return `| ${label} | ${latency.simulatedRttMs} | ${ms(latency.inputToAckMs)} | ${ms(latency.serverChangeToClientMs)} | ${latency.calibrationSlackMs === null ? "–" : n(latency.calibrationSlackMs)} |`;
}

export function renderMarkdown(results: BenchResults, chartFile: string): string {
  const { machine, bandwidth, latency, liveScore, baseline, ratios, browser, bundle } = results;
  const lines: string[] = [
    `# Rebound benchmark — ${results.runId}`, "",
    `Mode **${results.mode}**, ${n(results.durationSeconds, 0)} s. Reproduce: \`npm run bench\`${results.mode === "full" ? "" : results.mode === "quick" ? " -- --quick" : " -- --quick --tiny"}.`, "",
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${n(machine.memoryBytes / 1024 ** 3)} GB, Node ${machine.nodeVersion}, ${machine.platform} ${machine.osRelease}; `
      + `load average at start ${machine.loadAverage.join(" / ")} (shared machine: other work ran at the same time, so compare ratios within this run).`, "",
    `![chart](${chartFile})`, "",
    "## DESIGN.md quality targets", "",
    "| target | measured | verdict | how |", "|---|---|---|---|",
    ...results.targets.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t.pass)} | ${t.note} |`), "",
    "## Capacity (one server process, bots in 4v4 rooms at 60 Hz)", "",
    ...capacityTable("Rebound (Colyseus, binary delta patches at 30 Hz)", results.capacity),
    ...capacityTable("Naive baseline (ws + full JSON state every tick at 60 Hz)", baseline.capacity),
    "## Bandwidth per client (one 4v4 match, playing)", "",
    "| server | down B/s | up B/s | frames down/s | inputs up/s | snapshots/s | ticks/s |", "|---|---:|---:|---:|---:|---:|---:|",
    `| Rebound | ${n(bandwidth.bytesDownPerClientPerSecond, 0)} | ${n(bandwidth.bytesUpPerClientPerSecond, 0)} | ${n(bandwidth.framesDownPerClientPerSecond)} | ${n(bandwidth.inputsPerClientPerSecond)} | ${n(bandwidth.snapshotsPerClientPerSecond)} | ${n(bandwidth.ticksPerSecond)} |`,
    `| baseline | ${n(baseline.bandwidth.bytesDownPerClientPerSecond, 0)} | ${n(baseline.bandwidth.bytesUpPerClientPerSecond, 0)} | ${n(baseline.bandwidth.framesDownPerClientPerSecond)} | ${n(baseline.bandwidth.inputsPerClientPerSecond)} | ${n(baseline.bandwidth.snapshotsPerClientPerSecond)} | ${n(baseline.bandwidth.ticksPerSecond)} |`, "",
    "## Latency (p50 / p99 ms, loopback)", "",
    "| server | simulated RTT ms | input → ack | server change → client | clock calibration slack ms |", "|---|---:|---:|---:|---:|",
    latencyRow("Rebound", latency.loopback),
    latencyRow("Rebound, simulated delay", latency.delayed),
    latencyRow("baseline", baseline.latency), "",
    "Input → ack: from sending an input to decoding the snapshot whose ack (`lastProcessed`) covers its sequence number. "
      + "Server change → client: from the room-clock instant a snapshot's state was true to its decoding by the client (both sides read this machine's clock; "
      + "the room clock's origin is pinned by the fastest snapshot of the run minus the simulated one-way delay; a one-off in-process check against the room's real clock, not part of this run, found it ≈ 1 ms optimistic). "
      + "Slack: from the create request to the room clock's start (matchmaking time; must be ≥ 0).", "",
    `## Live score: WebSocket vs HTTP polling (same room, same run, ${n(liveScore.windowSeconds)} s, ${liveScore.goals} goals)`, "",
    "| feed | updates/s | requests/s | age on arrival p50 / p99 ms | shown age p50 / p99 / max ms | bytes/s (down + up) | goal → shown p50 ms |", "|---|---:|---:|---:|---:|---:|---:|",
    ...liveScore.feeds.map((f) => `| ${f.feed} | ${n(f.updatesPerSecond)} | ${f.requestsPerSecond === null ? "–" : n(f.requestsPerSecond)} | ${ms(f.arrivalAgeMs)} `
      + `| ${ms(f.shownAgeMs)} / ${n(f.shownAgeMs.max)} | ${n(f.bytesPerSecond, 0)} (${n(f.bytesDownPerSecond, 0)} + ${n(f.bytesUpPerSecond, 0)}) | ${f.goalDelayMs.count > 0 ? n(f.goalDelayMs.p50) : "–"} |`), "",
    "Shown age: how old the data a page would be showing is, sampled every 5 ms through the window. The WebSocket feed is a spectator receiving the whole match state; the pollers fetch `GET /api/rooms/<id>/live` on a keep-alive connection (bytes include HTTP headers).", "",
    "## Rebound ÷ baseline (same run)", "",
    "| figure | ratio |", "|---|---:|",
    `| server CPU per client (at ${ratios.cpuComparedAtBots} bots) | ${n(ratios.cpuPerClient, 2)} |`,
    `| server CPU per extra client (fitted slopes) | ${n(ratios.cpuPerExtraClient, 2)} |`,
    `| bytes down per client | ${n(ratios.bytesDownPerClient, 3)} |`,
    `| bytes up per client | ${n(ratios.bytesUpPerClient, 3)} |`,
    `| input → ack p50 | ${n(ratios.inputToAckP50, 2)} |`,
    `| server change → client p50 | ${n(ratios.serverChangeToClientP50, 2)} |`, "",
    `Baseline: ${baseline.description}`, "",
    "## Browser", "",
    browser
      ? `Headless Chromium (SwiftShader WebGL), ${browser.playersInMatch} players (this page + 7 SDK bots), ${n(browser.durationSeconds)} s of play: `
        + `median **${n(browser.fpsMedian)} fps** (${n(browser.frameTimeMedianMs, 2)} ms), 5th percentile **${n(browser.fps5thPercentile)} fps** (${n(browser.frameTime95thPercentileMs, 2)} ms frames), `
        + `${browser.frames} frames with the network panel ${browser.networkPanelOpen ? "open" : "NOT found"}; with it closed (first half): median ${n(browser.panelClosed.fpsMedian)} fps, `
        + `5th percentile ${n(browser.panelClosed.fps5thPercentile)} fps. Control: an empty page in the same browser ran at ${n(browser.blankPageFpsMedian)} fps. Page errors: ${browser.pageErrors.length}. `
        + `First visit (no cache): **${kb(browser.firstLoad.bytesOnWire)} KB on the wire** (the browser's own count, compressed as served), menu on screen at **${n(browser.firstLoad.menuMs)} ms**, `
        + `first match frame **${n(browser.firstLoad.firstMatchFrameMs)} ms** after opening a room link.`
      : "Skipped.", "",
    "## Client bundle (gzip)", "",
    ...(bundle
      ? ["| file | bytes | gzip |", "|---|---:|---:|", ...bundle.files.map((f) => `| ${f.file} | ${f.bytes} | ${f.gzipBytes} |`),
        `| **first load** | | **${bundle.firstLoadGzipBytes}** (${kb(bundle.firstLoadGzipBytes)} KB) |`, `| all files | ${bundle.totalBytes} | ${bundle.totalGzipBytes} |`]
      : ["No build found."]), "",
    "## Notes", "",
    ...results.notes.map((note) => `- ${note}`), "",
  ];
  return lines.join("\n");
}
