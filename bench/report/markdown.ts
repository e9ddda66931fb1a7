// Writes the Markdown summary of a benchmark run: machine, targets pass/miss, and every table (capacity, bandwidth, latency, live score, baseline, browser, bundle).
import { formatLoad, isBusy } from "../lib/load.ts";
import { round, type Spread, type Summary } from "../lib/stats.ts";
import { HOLD_TOLERANCE, JUDGED_CLIENT } from "./holdRule.ts";
import type { BenchResults, CapacityFigures, LatencyFigures, ReplayFigures } from "./resultTypes.ts";

const n = (value: number, digits = 1): string => (Number.isFinite(value) ? String(round(value, digits)) : "–");
const ms = (summary: Summary): string => (summary.count > 0 ? `${n(summary.p50)} / ${n(summary.p99)}` : "–");
const kb = (bytes: number): string => n(bytes / 1024, 2);
const verdict = (pass: boolean | null): string => (pass === null ? "not measured" : pass ? "**pass**" : "**MISS**");

const spread = (rates: Spread): string => `${n(rates.min)} / ${n(rates.p5)} / ${n(rates.p50)}`;
const ratio = (value: number | null): string => (value === null ? "" : n(value, 2));

function capacityTable(title: string, capacity: CapacityFigures): string[] {
  const lines = [
    `#### ${title}`, "",
    "| bots | rooms | server CPU % of a core (kernel) | CPU ms / client·s | step p50 / p99 ms | patch p50 / p99 ms | event-loop delay p99 ms | late steps: overran / started late "
      + "| clients' patches/s min / p5 / p50 | clients' ticks/s min / p5 / p50 | server per room: ticks/s, patches/s | inputs/s per bot | RSS MB | bot CPU % | machine busy % | held |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const s of capacity.steps) {
    lines.push(`| ${s.bots} | ${s.rooms} | ${n(s.serverCpuPercent)} (${n(s.serverSystemCpuPercent)}) | ${n(s.cpuMsPerClientSecond, 2)} | ${n(s.stepP50Ms, 3)} / ${n(s.stepP99Ms, 3)} | ${n(s.patchP50Ms, 3)} / ${n(s.patchP99Ms, 3)} `
      + `| ${n(s.eventLoopDelayP99Ms)} | ${s.lateSteps} / ${s.lateStarts} | ${spread(s.clientPatchesPerSecond)} | ${spread(s.clientTicksPerSecond)} `
      + `| ${n(s.serverTicksPerRoomPerSecond)}, ${n(s.serverPatchesPerRoomPerSecond)} | ${n(s.inputsPerBotPerSecond)} | ${n(s.serverRssMB, 0)} `
      + `| ${n(s.botCpuPercent, 0)} | ${n(s.machineBusyPercent, 0)} | ${s.held ? "yes" : `no (${s.limitedBy})`}${s.remeasured ? " ²" : ""} |`);
  }
  if (capacity.steps.some((s) => s.remeasured)) lines.push("", "² measured twice: the first window failed, this is the second (a failed step is retried once because the machine is shared).");
  lines.push("", `Largest step held: **${capacity.maxHeldBots} bots** (${capacity.stopReason}). `
    + `Idle server (no clients, ${n(capacity.idleWindowSeconds, 0)} s): **${n(capacity.idleCpuPercent, 2)} %** of a core. `
    + `Marginal cost: **${n(capacity.marginalCpuMsPerClientSecond, 2)} CPU ms per client·s**. `
    + `Projected players per core: **${Number.isFinite(capacity.projectedPlayersPerCore) ? Math.round(capacity.projectedPlayersPerCore) : "–"}** (${capacity.projection}).`, "");
  return lines;
}

/** Each phase's load average at its start and end, a busy start marked. */
function loadTable(results: BenchResults): string[] {
  const cores = results.machine.cores;
  return [
    "| phase | load at start (1 / 5 / 15 min) | load at end |", "|---|---|---|",
    ...results.phaseLoads.map((p) => `| ${p.phase} | ${formatLoad(p.start)}${isBusy(p.start, cores) ? " **busy**" : ""} | ${formatLoad(p.end)} |`), "",
  ];
}

/** Rebound and the baseline side by side, with the ratio: the figures a change to the transport moves. */
function versusBaseline(results: BenchResults): string[] {
  const { capacity, bandwidth, latency, baseline, ratios } = results;
  const atBots = (figures: CapacityFigures): number => figures.steps.find((s) => s.bots === ratios.cpuComparedAtBots)?.cpuMsPerClientSecond ?? Number.NaN;
  const row = (figure: string, rebound: number, naive: number, value: number, digits = 2): string => `| ${figure} | ${n(rebound, digits)} | ${n(naive, digits)} | ${n(value, 3)} |`;
  return [
    "| figure | Rebound | naive baseline | Rebound ÷ baseline |", "|---|---:|---:|---:|",
    row(`server CPU ms per client·s (at ${ratios.cpuComparedAtBots} bots)`, atBots(capacity), atBots(baseline.capacity), ratios.cpuPerClient),
    row("server CPU ms per extra client·s (marginal)", capacity.marginalCpuMsPerClientSecond, baseline.capacity.marginalCpuMsPerClientSecond, ratios.cpuPerExtraClient),
    row("bytes down per client·s", bandwidth.bytesDownPerClientPerSecond, baseline.bandwidth.bytesDownPerClientPerSecond, ratios.bytesDownPerClient, 0),
    row("bytes up per client·s", bandwidth.bytesUpPerClientPerSecond, baseline.bandwidth.bytesUpPerClientPerSecond, ratios.bytesUpPerClient, 0),
    row("input → own state (ack) p50 ms", latency.loopback.inputToAckMs.p50, baseline.latency.inputToAckMs.p50, ratios.inputToAckP50, 1),
    row("server change → client p50 ms", latency.loopback.serverChangeToClientMs.p50, baseline.latency.serverChangeToClientMs.p50, ratios.serverChangeToClientP50, 1), "",
  ];
}

function latencyRow(label: string, latency: LatencyFigures): string {
  return `| ${label} | ${latency.simulatedRttMs} | ${ms(latency.inputToAckMs)} | ${ms(latency.serverChangeToClientMs)} | ${latency.calibrationSlackMs === null ? "–" : n(latency.calibrationSlackMs)} |`;
}

function replaySection(replays: ReplayFigures): string[] {
  const { live, synthetic, write, viewer } = replays;
  return [
    "## Replays (match history)", "",
    "| figure | value |", "|---|---:|",
    ...(live ? [`| replay size, the bench's 4v4 of SDK bots (${n(live.seconds, 0)} s recorded) | ${n(live.bytesPerMinute / 1024, 1)} KB/min |`] : []),
    `| replay size, scripted 4v4 over ${synthetic.minutes} min (${synthetic.hashes} hashes) | ${n(synthetic.bytesPerMinute / 1024, 1)} KB/min (${n(synthetic.bytes / 1024, 0)} KB in all); downloaded gzipped ${n(synthetic.gzipBytesPerMinute / 1024, 1)} KB/min |`,
    `| recording CPU per step (writer + a hash a second) | ${n(replays.recordingMicrosPerStep, 1)} µs |`,
    `| writing that match, ${write.checkpoints} checkpoints, ${write.store} | ${n(write.totalMs, 1)} ms in all; per checkpoint p50 ${n(write.perCheckpointMs.p50, 2)} / p99 ${n(write.perCheckpointMs.p99, 2)} ms |`,
    `| viewer: read + run once (goal marks, every hash) | ${n(viewer.loadMs, 0)} ms |`,
    `| viewer: seek anywhere (${viewer.seeks} random seeks) | p50 ${n(viewer.seekMs.p50, 1)} / p99 ${n(viewer.seekMs.p99, 1)} ms |`, "",
    "A replay is the match's start state and per-step inputs (only changes are written), a hash a second; the viewer re-runs the shared sim "
      + "from a kept copy every 5 s, so a seek re-simulates at most 300 steps.", "",
  ];
}

export function renderMarkdown(results: BenchResults, chartFile: string): string {
  const { machine, bandwidth, latency, liveScore, baseline, browser, bundle } = results;
  const lines: string[] = [
    `# Rebound benchmark — ${results.runId}`, "",
    `Mode **${results.mode}**, ${n(results.durationSeconds, 0)} s. Reproduce: \`npm run bench\`${results.mode === "full" ? "" : results.mode === "quick" ? " -- --quick" : " -- --quick --tiny"}.`, "",
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${n(machine.memoryBytes / 1024 ** 3)} GB, Node ${machine.nodeVersion}, ${machine.platform} ${machine.osRelease}; `
      + `load average ${formatLoad(machine.loadAverage)} at the start, ${formatLoad(results.loadAtEnd)} at the end `
      + "(shared machine: other work ran at the same time, so compare ratios within this run).", "",
    ...(isBusy(machine.loadAverage, machine.cores)
      ? [`**These figures come from a busy machine**: the 1-minute load at the start (${machine.loadAverage[0]}) exceeded its ${machine.cores} cores. Do not quote them as the code's.`, ""]
      : []),
    ...loadTable(results),
    `![chart](${chartFile})`, "",
    "## DESIGN.md quality targets", "",
    "| target | measured | verdict | ÷ baseline | how |", "|---|---|---|---:|---|",
    ...results.targets.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t.pass)} | ${ratio(t.vsBaseline)} | ${t.note} |`), "",
    "## Capacity (one server process, bots in 4v4 rooms at 60 Hz)", "",
    `A step holds only when the ${JUDGED_CLIENT} client's patches/s and ticks/s both reach what the server promises, less ${HOLD_TOLERANCE * 100} % at most, `
      + "no step overran a period or started late, step+patch p99 and event-loop delay p99 fit in a period, and the bots kept up (bench/report/holdRule.ts). "
      + "The projection runs the marginal cost per client from the largest held step (with fewer than two held: from the idle server, along a fit through the origin of CPU − idle) "
      + "to 100 % of a core; the idle server is measured on its own before the first step (bench/report/projection.ts).", "",
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
    "## Rebound vs naive baseline (same run)", "",
    ...versusBaseline(results),
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
    ...replaySection(results.replays),
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
