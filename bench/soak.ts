// Soak test (`npm run soak -- --bots 64 --minutes 5`): SDK bots play against the production server in a child process while memory and step time are sampled, then checked for upward trends.
import { cpus, platform, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readServerMetrics, resetServerMetrics } from "../harness/serverMetrics.ts";
import { LOAD_TEST_LIMITS_ENV } from "../server/limits/settings.ts";
import { CHILD_METRICS_TOKEN, startChildServer } from "../harness/childServer.ts";
import { freePort } from "../harness/ports.ts";
import { sleep } from "./lib/wallClock.ts";
import { type SoakResult, type SoakSample, writeSoakReport } from "./soak/report.ts";
import { SoakBot } from "./soak/soakBot.ts";
import { trendOf } from "./soak/trend.ts";

const PLAYERS_PER_ROOM = 8;
const RESULTS_DIR = fileURLToPath(new URL("./results", import.meta.url));
/** Allowed rise over the measured window, as a fraction of the mean, before a series counts as trending up. */
const TOLERANCE = { rssMB: 0.05, heapUsedMB: 0.1, stepP99Ms: 0.5 } as const;

const { values: args } = parseArgs({
  options: {
    bots: { type: "string", default: "64" },
    minutes: { type: "string", default: "5" },
    sample: { type: "string", default: "5" },
    churn: { type: "string", default: "10" },
    port: { type: "string", default: "0" },
  },
});
const options = {
  bots: Math.max(PLAYERS_PER_ROOM, Math.round(Number(args.bots) / PLAYERS_PER_ROOM) * PLAYERS_PER_ROOM),
  minutes: Number(args.minutes),
  sampleSeconds: Number(args.sample),
  churnSeconds: Number(args.churn),
  warmupSeconds: 0,
};
options.warmupSeconds = Math.min(60, Math.max(30, Math.round(options.minutes * 60 * 0.1)));
if (!(options.minutes > 0 && options.sampleSeconds > 0 && options.churnSeconds > 0)) throw new Error("--minutes, --sample and --churn must be positive");

const startedAt = new Date().toISOString();
const port = Number(args.port) || await freePort();
// A soak never outlives its plan by much, whatever happens to the bots or the server.
const hardStop = setTimeout(() => { console.error("soak: hard time limit reached"); process.exit(2); }, (options.minutes * 60 + 120) * 1000);
hardStop.unref();

const server = await startChildServer({ entry: "server/index.ts", port, env: { REBOUND_SERVE_CLIENT: "0", ...LOAD_TEST_LIMITS_ENV } });
console.log(`soak: server pid ${server.pid} on :${port}; ${options.bots} bots for ${options.minutes} min`);

// Rooms of eight: the first bot creates, seven join.
const bots: SoakBot[] = [];
let botNumber = 0;
for (let room = 0; room < options.bots / PLAYERS_PER_ROOM; room++) {
  const host = await SoakBot.create(server.url, `soak${botNumber}`, botNumber++);
  bots.push(host);
  for (let i = 1; i < PLAYERS_PER_ROOM; i++) bots.push(await SoakBot.join(server.url, host.roomId, `soak${botNumber}`, botNumber++));
}
const roomIds = [...new Set(bots.map((bot) => bot.roomId))];
console.log(`soak: ${bots.length} bots joined ${roomIds.length} rooms`);

let frame = 0;
const stepper = setInterval(() => {
  frame += 1;
  for (const bot of bots) bot.step(frame);
}, 1000 / 60);

// Churn: one non-host bot leaves, a new one takes its seat, so join/leave paths run all the time.
const totals = { churnLeaves: 0, churnJoins: 0, joinFailures: 0, drops: 0, reconnects: 0, unexpectedLeaves: 0 };
const departed: SoakBot[] = [];
let churnIndex = 0;
const churner = setInterval(() => {
  const candidates = bots.filter((bot, i) => i % PLAYERS_PER_ROOM !== 0 && bot.connected);
  const leaving = candidates[churnIndex++ % Math.max(1, candidates.length)];
  if (!leaving) return;
  const slot = bots.indexOf(leaving);
  departed.push(leaving);
  totals.churnLeaves += 1;
  void leaving.leave().then(() => SoakBot.join(server.url, leaving.roomId, `soak${botNumber}`, botNumber++)).then((joined) => {
    bots[slot] = joined;
    totals.churnJoins += 1;
  }, () => { totals.joinFailures += 1; });
}, options.churnSeconds * 1000);

await resetServerMetrics(server.url, CHILD_METRICS_TOKEN);
const samples: SoakSample[] = [];
const runStart = performance.now();
let last = { at: performance.now(), cpu: (await readServerMetrics(server.url, CHILD_METRICS_TOKEN)), patches: 0 };
while ((performance.now() - runStart) / 60_000 < options.minutes) {
  await sleep(options.sampleSeconds * 1000);
  const metrics = await readServerMetrics(server.url, CHILD_METRICS_TOKEN);
  await resetServerMetrics(server.url, CHILD_METRICS_TOKEN);
  const now = performance.now();
  const patches = [...bots, ...departed].reduce((sum, bot) => sum + bot.patches, 0);
  const intervalMs = now - last.at;
  const cpuMicros = metrics.cpuUserMicros + metrics.cpuSystemMicros - last.cpu.cpuUserMicros - last.cpu.cpuSystemMicros;
  const sample: SoakSample = {
    elapsedSeconds: Math.round((now - runStart) / 1000),
    rssMB: metrics.rssBytes / 2 ** 20,
    heapUsedMB: metrics.heapUsedBytes / 2 ** 20,
    stepP50Ms: metrics.stepP50Ms,
    stepP99Ms: metrics.stepP99Ms,
    patchP99Ms: metrics.patchP99Ms,
    lateSteps: metrics.lateSteps,
    lateStarts: metrics.lateStarts,
    steps: metrics.totalSteps,
    loopDelayP99Ms: metrics.eventLoopDelayP99Ms,
    serverCpuPercent: (cpuMicros / 1000 / intervalMs) * 100,
    connectedBots: bots.filter((bot) => bot.connected).length,
    patchesPerSecond: ((patches - last.patches) / intervalMs) * 1000,
  };
  samples.push(sample);
  last = { at: now, cpu: metrics, patches };
  console.log(`soak: t=${sample.elapsedSeconds}s rss ${sample.rssMB.toFixed(1)} MB heap ${sample.heapUsedMB.toFixed(1)} MB `
    + `step p99 ${sample.stepP99Ms.toFixed(3)} ms late ${sample.lateSteps}/${sample.steps} cpu ${sample.serverCpuPercent.toFixed(0)}% bots ${sample.connectedBots}`);
}

clearInterval(stepper);
clearInterval(churner);
for (const bot of [...bots, ...departed]) {
  totals.drops += bot.drops;
  totals.reconnects += bot.reconnects;
}
totals.unexpectedLeaves = bots.filter((bot) => bot.leftWith !== null).length;
await Promise.all(bots.map((bot) => bot.leave()));
const serverAlive = server.process.exitCode === null;
await server.stop();
const serverExit = serverAlive
  ? `ran the whole soak, then stopped with exit ${server.process.exitCode ?? server.process.signalCode}`
  : `DIED during the soak (exit ${server.process.exitCode})`;

const measured = samples.filter((s) => s.elapsedSeconds > options.warmupSeconds);
const series = (key: "rssMB" | "heapUsedMB" | "stepP99Ms") => measured.map((s) => ({ minutes: s.elapsedSeconds / 60, value: s[key] }));
const trends = {
  rssMB: { ...trendOf(series("rssMB"), TOLERANCE.rssMB), toleranceFraction: TOLERANCE.rssMB },
  heapUsedMB: { ...trendOf(series("heapUsedMB"), TOLERANCE.heapUsedMB), toleranceFraction: TOLERANCE.heapUsedMB },
  stepP99Ms: { ...trendOf(series("stepP99Ms"), TOLERANCE.stepP99Ms), toleranceFraction: TOLERANCE.stepP99Ms },
};
const rising = Object.entries(trends).filter(([, t]) => t.upward).map(([key]) => key);
const verdict = !serverAlive ? "FAIL: the server died"
  : measured.length < 6 ? `inconclusive: only ${measured.length} samples after the warm-up (run longer)`
  : rising.length > 0 ? `UPWARD TREND in ${rising.join(", ")}` : "flat: no upward trend in memory or step time";

const cpu = cpus();
const result: SoakResult = {
  startedAt,
  machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? "unknown", node: process.version, platform: platform(), totalMemoryMB: Math.round(totalmem() / 2 ** 20) },
  options,
  rooms: roomIds.length,
  totals,
  samples,
  trends,
  serverExit,
  verdict,
};
const written = writeSoakReport(result, RESULTS_DIR);
console.log(`soak: ${verdict}\nsoak: wrote ${written.json} and ${written.md}`);
process.exit(serverAlive ? 0 : 1);
