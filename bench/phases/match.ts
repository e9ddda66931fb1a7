// One 4v4 match of bots on a fresh server: per-client bandwidth, input→ack and server→client latency, and the live-score feeds.
import { TICK_HZ, TIMING } from "../../shared/constants.ts";
import type { BotKind, FleetReport } from "../bots/ipc.ts";
import { aggregate } from "../lib/aggregate.ts";
import { FleetGroup } from "../lib/fleetGroup.ts";
import { cpuPercent, sampleProcess } from "../lib/procStats.ts";
import { startServer } from "../lib/servers.ts";
import { round, summarize } from "../lib/stats.ts";
import { sleep } from "../lib/wallClock.ts";
import { HistoryPage } from "../../shared/history.ts";
import type { BandwidthFigures, LatencyFigures, LiveFeed, LiveReplayFigures, LiveScoreFigures } from "../report/resultTypes.ts";

export interface MatchOptions {
  runId: string;
  windowMs: number;
  simulatedRttMs: number;
  /** Add a spectator (WebSocket feed) and HTTP pollers of the live-score API at these intervals. */
  pollIntervalsMs: number[] | null;
}

export interface MatchResult {
  bandwidth: BandwidthFigures;
  latency: LatencyFigures;
  live: LiveScoreFigures | null;
  /** Rebound only: the match's own recording in the server's history (null for the baseline, which keeps none). */
  replay: LiveReplayFigures | null;
}

/** The newest match in the server's history: its replay's size and the match time it covers so far. */
async function recordedReplay(endpoint: string): Promise<LiveReplayFigures | null> {
  const response = await fetch(`${endpoint}/api/matches?limit=1`);
  if (!response.ok) return null;
  const [match] = HistoryPage.parse(await response.json()).matches;
  if (!match || match.durationSeconds <= 0) return null;
  return { bytes: match.replayBytes, seconds: match.durationSeconds, bytesPerMinute: (match.replayBytes / match.durationSeconds) * 60 };
}

const PLAYERS = 8;
/** The countdown before play, plus a little: bandwidth is measured while the match is being played. */
const COUNTDOWN_MS = (TIMING.countdownTicks / TICK_HZ) * 1000 + 700;

function liveFigures(report: FleetReport, runId: string): LiveScoreFigures | null {
  if (!report.live) return null;
  const seconds = report.windowMs / 1000;
  const feeds: LiveFeed[] = report.live.feeds.map((feed) => {
    const poll = report.polls.find((p) => feed.feed === `poll ${p.intervalMs} ms`);
    const down = poll ? poll.bytesDown : (report.spectator?.bytesDown ?? 0);
    const up = poll ? poll.bytesUp : (report.spectator?.bytesUp ?? 0);
    return {
      feed: feed.feed,
      pollIntervalMs: poll ? poll.intervalMs : null,
      updatesPerSecond: feed.updates / seconds,
      requestsPerSecond: poll ? poll.requests / seconds : null,
      arrivalAgeMs: feed.arrivalAgeMs,
      shownAgeMs: feed.shownAgeMs,
      bytesDownPerSecond: down / seconds,
      bytesUpPerSecond: up / seconds,
      bytesPerSecond: (down + up) / seconds,
      goalDelayMs: summarize(feed.goalDelayMs),
    };
  });
  return { runId, windowSeconds: seconds, goals: report.live.goals, feeds };
}

export async function runMatch(kind: BotKind, options: MatchOptions, log: (line: string) => void): Promise<MatchResult> {
  const server = await startServer(kind, { simulatedRttMs: options.simulatedRttMs });
  const group = new FleetGroup();
  try {
    await group.add({
      kind, endpoint: server.url, rooms: 1, botsPerRoom: PLAYERS,
      spectators: options.pollIntervalsMs ? 1 : 0, pollIntervalsMs: options.pollIntervalsMs ?? [],
      simulatedOneWayMs: options.simulatedRttMs / 2, namePrefix: "m", joinConcurrency: 1, maxLifetimeMs: 10 * 60_000,
    }, 60_000);
    await group.startMatch();
    await sleep(COUNTDOWN_MS + options.simulatedRttMs);
    const cpuFrom = sampleProcess(server.pid);
    await group.begin();
    await sleep(options.windowMs);
    const { reports } = await group.end();
    const cpuTo = sampleProcess(server.pid);
    const replay = kind === "rebound" ? await recordedReplay(server.url) : null;
    const totals = aggregate(reports);
    const bandwidth: BandwidthFigures = {
      players: totals.players,
      windowSeconds: totals.windowSeconds,
      bytesDownPerClientPerSecond: totals.bytesDownPerClientPerSecond,
      bytesUpPerClientPerSecond: totals.bytesUpPerClientPerSecond,
      framesDownPerClientPerSecond: totals.framesDownPerClientPerSecond,
      inputsPerClientPerSecond: totals.inputsPerClientPerSecond,
      snapshotsPerClientPerSecond: totals.snapshotsPerClientPerSecond,
      ticksPerSecond: totals.ticksPerSecond,
      serverCpuPercent: cpuPercent(cpuFrom, cpuTo),
    };
    const latency: LatencyFigures = {
      simulatedRttMs: options.simulatedRttMs,
      inputToAckMs: totals.ack,
      serverChangeToClientMs: totals.staleness,
      calibrationSlackMs: totals.calibrationSlackMs,
    };
    log(`  ${kind} match (rtt +${options.simulatedRttMs} ms): down ${round(bandwidth.bytesDownPerClientPerSecond)} B/s, up ${round(bandwidth.bytesUpPerClientPerSecond)} B/s per client, `
      + `input→ack p50 ${round(latency.inputToAckMs.p50, 1)} ms, server→client p50 ${round(latency.serverChangeToClientMs.p50, 1)} ms`);
    return { bandwidth, latency, live: reports[0] ? liveFigures(reports[0], options.runId) : null, replay };
  } finally {
    await group.stop();
    await server.stop();
  }
}
