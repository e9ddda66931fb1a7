// The shape of bench/results/<date>.json: every figure the benchmark measures, for Rebound and the naive baseline.
import type { FleetTotals } from "../lib/aggregate.ts";
import type { BenchConfig, BenchMode } from "../lib/config.ts";
import type { MachineInfo } from "../lib/machine.ts";
import type { LoadAverage, PhaseLoad } from "../lib/load.ts";
import type { Spread, Summary } from "../lib/stats.ts";

export interface CapacityStep {
  bots: number;
  rooms: number;
  botProcesses: number;
  joinSeconds: number;
  joinFailures: number;
  connectedBots: number;
  stepP50Ms: number;
  stepP99Ms: number;
  patchP50Ms: number;
  patchP99Ms: number;
  /** Upper bound of one tick's work: p99 step + p99 patch. */
  stepPlusPatchP99Ms: number;
  /** Steps that ran longer than one period. */
  lateSteps: number;
  /** Steps that began over 1.5 periods after they were due on their room's schedule (a held-up loop); judged like lateSteps. */
  lateStarts: number;
  totalSteps: number;
  /** The server's own view, per room: steps and patch broadcasts it ran per second of the window. */
  serverTicksPerRoomPerSecond: number;
  serverPatchesPerRoomPerSecond: number;
  eventLoopDelayP99Ms: number;
  /** Server process CPU as % of one core (from /proc: user + system). */
  serverCpuPercent: number;
  /** The kernel's share of it (syscalls; on loopback also the TCP delivery to the bots). */
  serverSystemCpuPercent: number;
  /** Server CPU ms spent per client per second. */
  cpuMsPerClientSecond: number;
  serverRssMB: number;
  /** Server ticks per second, as the bots saw the tick counter advance (mean over bots). */
  ticksPerSecond: number;
  snapshotsPerBotPerSecond: number;
  /** Across the clients (worst, p5, median): patches each decoded per second, and the tick rate each saw. */
  clientPatchesPerSecond: Spread;
  clientTicksPerSecond: Spread;
  inputsPerBotPerSecond: number;
  botDroppedStepPercent: number;
  /** Sum over bot processes, % of one core. */
  botCpuPercent: number;
  botEventLoopDelayP99Ms: number;
  /** Share of ALL cores busy during the window (server, bots and anything else on the shared machine). */
  machineBusyPercent: number;
  held: boolean;
  problems: string[];
  limitedBy: "none" | "server" | "bots" | "machine";
  /** The first window failed and this is the second measurement of the same step. */
  remeasured: boolean;
}

export interface CapacityFigures {
  steps: CapacityStep[];
  maxHeldBots: number;
  /** Players one core could serve at the marginal cost, until 100 % of a core (bench/report/projection.ts). */
  projectedPlayersPerCore: number;
  /** Server CPU ms per extra player per second. */
  marginalCpuMsPerClientSecond: number;
  /** The server with no clients, measured before the first step: % of a core, over this many seconds. */
  idleCpuPercent: number;
  idleWindowSeconds: number;
  /** How the projection was made. */
  projection: string;
  stopReason: string;
}

/** The fleet's per-client rates (ticksPerSecond: as the clients saw the tick counter advance), plus the server's CPU. */
export interface BandwidthFigures extends Pick<FleetTotals,
  "players" | "windowSeconds" | "bytesDownPerClientPerSecond" | "bytesUpPerClientPerSecond" | "framesDownPerClientPerSecond"
  | "inputsPerClientPerSecond" | "snapshotsPerClientPerSecond" | "ticksPerSecond"> {
  serverCpuPercent: number;
}

export interface LatencyFigures {
  simulatedRttMs: number;
  /** Input sent → the server's ack (lastProcessed) of that seq decoded by the client. */
  inputToAckMs: Summary;
  /** Server change (room-clock stamp of the snapshot) → decoded by the client. */
  serverChangeToClientMs: Summary;
  /** Room-clock calibration check: estimated room start minus create request (≥ 0, small). */
  calibrationSlackMs: number | null;
}

export interface LiveFeed {
  feed: string;
  /** null for the WebSocket feed. */
  pollIntervalMs: number | null;
  updatesPerSecond: number;
  requestsPerSecond: number | null;
  /** Age of each update on arrival. */
  arrivalAgeMs: Summary;
  /** Age of what a page would be showing, sampled every 5 ms. */
  shownAgeMs: Summary;
  bytesDownPerSecond: number;
  bytesUpPerSecond: number;
  bytesPerSecond: number;
  /** Goals (score changes) in the window: delay from goal to this feed showing it. */
  goalDelayMs: Summary;
}

export interface LiveScoreFigures {
  runId: string;
  windowSeconds: number;
  goals: number;
  feeds: LiveFeed[];
}

export interface BaselineFigures {
  runId: string;
  description: string;
  capacity: CapacityFigures;
  bandwidth: BandwidthFigures;
  latency: LatencyFigures;
}

/** Rebound ÷ baseline: below 1 means Rebound uses less / is faster. */
export interface Ratios {
  runId: string;
  cpuComparedAtBots: number;
  cpuPerClient: number;
  /** Ratio of the marginal costs (CPU per extra player), idle costs left out. */
  cpuPerExtraClient: number;
  bytesDownPerClient: number;
  bytesUpPerClient: number;
  inputToAckP50: number;
  serverChangeToClientP50: number;
}

export interface FrameStats {
  frames: number;
  fpsMedian: number;
  fps5thPercentile: number;
  frameTimeMedianMs: number;
  frameTime95thPercentileMs: number;
}

/** The headline figures are with the network panel open (the DESIGN target); `panelClosed` is the first half of the window. */
export interface BrowserFigures extends FrameStats {
  durationSeconds: number;
  playersInMatch: number;
  networkPanelOpen: boolean;
  panelClosed: FrameStats;
  /** Control: median fps of an empty page in the same browser just before the match. */
  blankPageFpsMedian: number;
  pageErrors: string[];
  /** A first visit to the start page in a fresh context (no cache). */
  firstLoad: FirstLoadFigures;
}

export interface FirstLoadFigures {
  /** Bytes on the wire (Chromium's Network.loadingFinished encodedDataLength, headers included) until the engine booted. */
  bytesOnWire: number;
  /** Navigation start → the DOM menu on screen (ms). */
  menuMs: number;
  /** Navigation to a room link (/r/<id>) → the match scene's first frame (ms). */
  firstMatchFrameMs: number;
}

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleFigures {
  files: BundleFile[];
  totalBytes: number;
  totalGzipBytes: number;
  /** index.html plus every asset: what a first visit downloads. */
  firstLoadGzipBytes: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: this run cannot measure it. */
  pass: boolean | null;
  /** Rebound ÷ the naive baseline measured in the same run, where the figure has a counterpart. */
  vsBaseline: number | null;
  note: string;
}

export interface BenchResults {
  runId: string;
  mode: BenchMode;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  /** 1/5/15-minute load average at the start and end of each phase, and at the end of the run. */
  phaseLoads: PhaseLoad[];
  loadAtEnd: LoadAverage;
  config: BenchConfig;
  capacity: CapacityFigures;
  bandwidth: BandwidthFigures;
  latency: { loopback: LatencyFigures; delayed: LatencyFigures };
  liveScore: LiveScoreFigures;
  baseline: BaselineFigures;
  ratios: Ratios;
  browser: BrowserFigures | null;
  bundle: BundleFigures | null;
  replays: ReplayFigures;
  targets: TargetCheck[];
  notes: string[];
}

/** The bench match's own recording (real SDK bots in 4v4), read from the server's history at the end of the window. */
export interface LiveReplayFigures {
  bytes: number;
  /** Seconds of match the recording covered at its last checkpoint. */
  seconds: number;
  bytesPerMinute: number;
}

export interface ReplayFigures {
  live: LiveReplayFigures | null;
  /** A scripted 4v4 (keyboard-like inputs with network jitter) recorded as a room records. */
  synthetic: { minutes: number; players: number; bytes: number; bytesPerMinute: number; gzipBytesPerMinute: number; hashes: number };
  /** CPU of the recording itself per step of that match (writer + a hash a second), apart from the sim. */
  recordingMicrosPerStep: number;
  write: { store: string; checkpoints: number; totalMs: number; perCheckpointMs: Summary };
  viewer: { loadMs: number; seekMs: Summary; seeks: number };
}
