// Writes a soak run's samples, trends and verdict to bench/results/soak-<date>.json and a readable .md next to it.
import { mkdirSync, writeFileSync } from "node:fs";
import type { Trend } from "./trend.ts";

export interface SoakSample {
  elapsedSeconds: number;
  rssMB: number;
  heapUsedMB: number;
  stepP50Ms: number;
  stepP99Ms: number;
  patchP99Ms: number;
  /** Steps over the 16.7 ms budget in this sample's interval, and all steps in it. */
  lateSteps: number;
  lateStarts: number;
  steps: number;
  loopDelayP99Ms: number;
  /** Server CPU (user + system) over the interval, in % of one core. */
  serverCpuPercent: number;
  connectedBots: number;
  /** State patches all bots decoded per second over the interval. */
  patchesPerSecond: number;
}

export interface SoakResult {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; totalMemoryMB: number };
  options: { bots: number; minutes: number; sampleSeconds: number; churnSeconds: number; warmupSeconds: number };
  rooms: number;
  totals: { churnLeaves: number; churnJoins: number; joinFailures: number; drops: number; reconnects: number; unexpectedLeaves: number };
  samples: SoakSample[];
  trends: Record<"rssMB" | "heapUsedMB" | "stepP99Ms", Trend & { toleranceFraction: number }>;
  serverExit: string;
  verdict: string;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

function markdown(result: SoakResult): string {
  const o = result.options;
  const lines = [
    `# Soak run ${result.startedAt}`,
    "",
    `${o.bots} SDK bots in ${result.rooms} rooms of 8 (4v4, chasing the ball at 60 Hz, hosts restarting finished matches, a chat line per bot every ~30 s, one bot leaving and one joining every ${o.churnSeconds} s) against \`node server/index.ts\` for ${o.minutes} min; GET /metrics every ${o.sampleSeconds} s (reset after each read, so each sample covers its own interval). The first ${o.warmupSeconds} s are warm-up and left out of the trends.`,
    "",
    `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.totalMemoryMB} MB, Node ${result.machine.node} on ${result.machine.platform} (shared with other work while it ran).`,
    "",
    `**Verdict: ${result.verdict}**`,
    "",
    "| series | mean | slope per minute | R² | rise over the window | tolerance | upward trend? |",
    "|---|---|---|---|---|---|---|",
    ...(["rssMB", "heapUsedMB", "stepP99Ms"] as const).map((key) => {
      const t = result.trends[key];
      return `| ${key} | ${round(t.mean)} | ${round(t.slopePerMinute, 3)} | ${round(t.r2)} | ${round(t.riseFraction * 100, 1)} % | ${round(t.toleranceFraction * 100)} % | ${t.upward ? "**yes**" : "no"} |`;
    }),
    "",
    `Churn: ${result.totals.churnLeaves} leaves, ${result.totals.churnJoins} joins (${result.totals.joinFailures} failed). Drops ${result.totals.drops}, reconnects ${result.totals.reconnects}, unexpected leaves ${result.totals.unexpectedLeaves}. Server: ${result.serverExit}.`,
    "",
    "| t (s) | rss MB | heapUsed MB | step p50 ms | step p99 ms | patch p99 ms | late (overran / started late) / steps | loop delay p99 ms | server CPU % | bots | patches/s |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...result.samples.map((s) => `| ${s.elapsedSeconds} | ${round(s.rssMB, 1)} | ${round(s.heapUsedMB, 1)} | ${round(s.stepP50Ms, 3)} | ${round(s.stepP99Ms, 3)} | ${round(s.patchP99Ms, 3)} | ${s.lateSteps} / ${s.lateStarts} / ${s.steps} | ${round(s.loopDelayP99Ms, 1)} | ${round(s.serverCpuPercent, 1)} | ${s.connectedBots} | ${Math.round(s.patchesPerSecond)} |`),
    "",
  ];
  return lines.join("\n");
}

/** Writes both files; returns their paths. */
export function writeSoakReport(result: SoakResult, resultsDir: string): { json: string; md: string } {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = result.startedAt.replace(/:/g, "-").replace(/\..*$/, "");
  const json = `${resultsDir}/soak-${stamp}.json`;
  const md = `${resultsDir}/soak-${stamp}.md`;
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(md, markdown(result));
  return { json, md };
}
