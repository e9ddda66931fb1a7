// `npm run bench`: capacity, bandwidth, latency, live score (WebSocket vs polling), a naive baseline, replays and a browser match, in one run.
// Writes bench/results/<date>.json, .md and .svg. `-- --quick` (< 3 min) and `-- --quick --tiny` (the test's run) shrink it.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildClient, clientBuilt } from "./lib/build.ts";
import { ROOT } from "../harness/childServer.ts";
import { configFor, parseArgs } from "./lib/config.ts";
import { formatLoad, isBusy, loadNow, withLoad, type PhaseLoad } from "./lib/load.ts";
import { describeMachine } from "./lib/machine.ts";
import { round } from "./lib/stats.ts";
import { runBrowser } from "./phases/browser.ts";
import { measureBundle } from "./phases/bundle.ts";
import { runCapacity } from "./phases/capacity.ts";
import { runMatch } from "./phases/match.ts";
import { runReplays } from "./phases/replays.ts";
import { renderChart } from "./report/chart.ts";
import { renderMarkdown } from "./report/markdown.ts";
import { computeRatios } from "./report/ratios.ts";
import type { BenchResults, BrowserFigures, BundleFigures } from "./report/resultTypes.ts";
import { checkTargets } from "./report/targets.ts";
import { methodNotes } from "./report/notes.ts";

const BASELINE_DESCRIPTION = "bench/baseline/: plain `ws`, rooms of 8, the same shared step (applyPlayerInput/stepPhysics, kickoff, match flow, "
  + "2 inputs per player per tick), full JSON state to every client after every 60 Hz tick, JSON input messages with a sequence number; no deltas, no binary, no prediction.";

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = configFor(options, join(ROOT, "bench/results"));
  const started = new Date();
  const runId = started.toISOString();
  const machine = describeMachine();
  const log = (line: string): void => console.log(line);
  log(`Rebound benchmark ${runId} (${config.mode}) on ${machine.cpuModel} × ${machine.cores}, Node ${machine.nodeVersion}, `
    + `load ${formatLoad(machine.loadAverage)}${isBusy(machine.loadAverage, machine.cores) ? " — a BUSY machine: the figures below are not a quiet machine's" : ""}`);
  const phaseLoads: PhaseLoad[] = [];
  const phase = <T>(name: string, run: () => Promise<T>): Promise<T> => withLoad(name, machine.cores, phaseLoads, log, run);

  const capacity = await phase("capacity: Rebound", () => runCapacity("rebound", config.capacitySteps, config, log));
  const baselineCapacity = await phase("capacity: baseline", () => runCapacity("baseline", config.baselineSteps, config, log));

  const match = await phase("match: Rebound (bandwidth, latency, live score WebSocket vs polling)",
    () => runMatch("rebound", { runId, windowMs: config.matchWindowMs, simulatedRttMs: 0, pollIntervalsMs: config.pollIntervalsMs }, log));
  const delayed = await phase(`match: Rebound with ${config.simulatedRttMs} ms simulated round trip`,
    () => runMatch("rebound", { runId, windowMs: config.matchWindowMs, simulatedRttMs: config.simulatedRttMs, pollIntervalsMs: null }, log));
  const baselineMatch = await phase("match: baseline",
    () => runMatch("baseline", { runId, windowMs: config.matchWindowMs, simulatedRttMs: 0, pollIntervalsMs: null }, log));
  if (!match.live) throw new Error("the live-score comparison produced nothing");
  const replays = await phase(`replays: ${config.replayMinutes} min of scripted 4v4, its checkpoints to SQLite, the viewer's seeks`,
    () => runReplays(config.replayMinutes, match.replay, log));

  let browser: BrowserFigures | null = null;
  let bundle: BundleFigures | null = null;
  if (!options.skipBrowser) {
    if (config.alwaysBuild || !clientBuilt()) {
      log("build: vite build");
      await buildClient();
    }
    bundle = measureBundle();
    browser = await phase("browser: Chromium in an 8-player match", () => runBrowser(config.browserWindowMs, log));
  }

  const baseline = { runId, description: BASELINE_DESCRIPTION, capacity: baselineCapacity, bandwidth: baselineMatch.bandwidth, latency: baselineMatch.latency };
  const ratios = computeRatios(runId, { capacity, bandwidth: match.bandwidth, latency: match.latency }, baseline);
  const measured = {
    runId, mode: config.mode, startedAt: runId, machine, phaseLoads, loadAtEnd: loadNow(), config, capacity,
    bandwidth: match.bandwidth, latency: { loopback: match.latency, delayed: delayed.latency },
    liveScore: match.live, baseline, ratios, browser, bundle, replays,
  };
  const targets = checkTargets(measured);
  const finished = new Date();
  const results: BenchResults = {
    ...measured,
    finishedAt: finished.toISOString(),
    durationSeconds: (finished.getTime() - started.getTime()) / 1000,
    targets,
    notes: methodNotes(measured, targets),
  };

  mkdirSync(config.outDir, { recursive: true });
  const stem = runId.replace(/[:.]/g, "-");
  const chartFile = `${stem}.svg`;
  writeFileSync(join(config.outDir, `${stem}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(config.outDir, chartFile), renderChart(results));
  writeFileSync(join(config.outDir, `${stem}.md`), renderMarkdown(results, chartFile));
  log("");
  for (const target of targets) log(`${target.pass === null ? "  n/a" : target.pass ? " pass" : " MISS"}  ${target.target}: ${target.measured}`);
  log(`\nwrote ${join(config.outDir, stem)}.{json,md,svg} in ${round(results.durationSeconds, 0)} s`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
