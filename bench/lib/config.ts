// Benchmark sizes and durations per mode: full (`npm run bench`), --quick (< 3 min), --quick --tiny (the test's run, < 90 s).

export type BenchMode = "full" | "quick" | "tiny";

export interface BenchConfig {
  mode: BenchMode;
  /** Capacity steps in bots (multiples of 8: rooms of 4v4). */
  capacitySteps: number[];
  /** The baseline's capacity steps (it saturates far earlier; its run stops at its first failed step). */
  baselineSteps: number[];
  /** Bots per bot process at most. */
  botsPerProcess: number;
  settleMs: number;
  /** The capacity phase's server with no clients, measured before its first step (its idle cost). */
  idleWindowMs: number;
  capacityWindowMs: number;
  matchWindowMs: number;
  /** Length of the scripted 4v4 the replay phase records, writes and seeks in. */
  replayMinutes: number;
  /** Round trip added with COLYSEUS_LATENCY for the "with simulated delay" latency run. */
  simulatedRttMs: number;
  pollIntervalsMs: number[];
  browserWindowMs: number;
  /** Run `npm run build` before the browser part (else only when dist/client is missing). */
  alwaysBuild: boolean;
  outDir: string;
}

export interface CliOptions {
  quick: boolean;
  tiny: boolean;
  outDir: string | null;
  skipBrowser: boolean;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { quick: false, tiny: false, outDir: null, skipBrowser: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") options.quick = true;
    else if (arg === "--tiny") options.tiny = true;
    else if (arg === "--no-browser") options.skipBrowser = true;
    else if (arg === "--out") options.outDir = argv[++i] ?? null;
    else throw new Error(`unknown option ${arg} (use --quick, --tiny, --no-browser, --out <dir>)`);
  }
  return options;
}

export function configFor(options: CliOptions, defaultOutDir: string): BenchConfig {
  const outDir = options.outDir ?? defaultOutDir;
  if (options.tiny) {
    return {
      mode: "tiny", capacitySteps: [8], baselineSteps: [8], botsPerProcess: 200, settleMs: 1000, idleWindowMs: 2000, capacityWindowMs: 3000,
      matchWindowMs: 3000, replayMinutes: 1, simulatedRttMs: 100, pollIntervalsMs: [1000, 250], browserWindowMs: 5000, alwaysBuild: false, outDir,
    };
  }
  if (options.quick) {
    return {
      mode: "quick", capacitySteps: [48, 96, 200], baselineSteps: [48, 96, 200], botsPerProcess: 100, settleMs: 2000, idleWindowMs: 3000, capacityWindowMs: 3000,
      matchWindowMs: 5000, replayMinutes: 3, simulatedRttMs: 100, pollIntervalsMs: [1000, 250], browserWindowMs: 8000, alwaysBuild: true, outDir,
    };
  }
  return {
    mode: "full", capacitySteps: [48, 96, 200, 400, 600, 800, 1000, 1200], baselineSteps: [48, 96, 200, 400, 600, 800],
    botsPerProcess: 100, settleMs: 3000, idleWindowMs: 5000, capacityWindowMs: 8000, matchWindowMs: 15_000, replayMinutes: 10, simulatedRttMs: 100,
    pollIntervalsMs: [1000, 250], browserWindowMs: 20_000, alwaysBuild: true, outDir,
  };
}
