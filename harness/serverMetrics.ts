// What the bench and the tests read from a server's GET /metrics: fetches the Prometheus text and turns it into the few numbers they report.
import {
  CONNECTED_CLIENTS, DEFAULT_SERIES, EVENT_LOOP_RESOLUTION_MS, LATE_REASON, LATE_STEPS_TOTAL, PATCH_SECONDS, ROOMS, STEP_SECONDS, STEPS_TOTAL,
} from "../server/metricsContract.ts";

export interface ServerMetrics {
  /**
   * Step and patch durations in ms since the last reset. Interpolated inside histogram buckets (as Prometheus's
   * histogram_quantile does), so coarser than exact: off by at most one bucket's width, 25 % of the value; past the
   * top bucket (~190 ms) it reads as that bound.
   */
  stepP50Ms: number;
  stepP99Ms: number;
  patchP50Ms: number;
  patchP99Ms: number;
  totalSteps: number;
  totalPatches: number;
  /** Steps that ran longer than one step period. */
  lateSteps: number;
  /** Steps that began over 1.5 periods after their room's previous step (a held-up loop catching up). */
  lateStarts: number;
  /** Rooms open (the lobby included) and clients connected, at the moment of the read. */
  rooms: number;
  connectedClients: number;
  /** p99 of the event loop's delay since the last read or reset, its sampling interval taken off. */
  eventLoopDelayP99Ms: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** CPU time the server process has used (a running total: compare two reads). */
  cpuUserMicros: number;
  cpuSystemMicros: number;
}

interface Sample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function numberOf(text: string): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  return Number(text);
}

/** Every sample line of the Prometheus text exposition format (comments and blank lines skipped). */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const match = SAMPLE_LINE.exec(line.trim());
    if (!match) throw new Error(`GET /metrics: not a sample line: ${line.slice(0, 120)}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(LABEL)) labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    samples.push({ name: match[1], labels, value: numberOf(match[3]) });
  }
  return samples;
}

function valueOf(samples: readonly Sample[], name: string, labels: Readonly<Record<string, string>> = {}): number {
  const found = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (!found) throw new Error(`GET /metrics: ${name}${JSON.stringify(labels)} missing`);
  return found.value;
}

/** The q-quantile of a histogram in ms, linear inside the bucket that holds it; 0 when it has no observations. */
function quantileMs(samples: readonly Sample[], histogram: string, q: number): number {
  const buckets = samples
    .filter((s) => s.name === `${histogram}_bucket`)
    .map((s) => ({ le: numberOf(s.labels.le ?? "NaN"), count: s.value }))
    .sort((a, b) => a.le - b.le);
  if (buckets.length === 0) throw new Error(`GET /metrics: histogram ${histogram} missing`);
  const total = buckets[buckets.length - 1].count;
  if (total === 0) return 0;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      // Past the last finite bound nothing is known but that bound.
      if (bucket.le === Infinity) return lower * 1000;
      return (lower + (bucket.le - lower) * ((rank - below) / (bucket.count - below))) * 1000;
    }
    lower = bucket.le;
    below = bucket.count;
  }
  return lower * 1000;
}

/** The numbers callers report, from one GET /metrics body. */
export function serverMetricsOf(text: string): ServerMetrics {
  const samples = parsePrometheusText(text);
  return {
    stepP50Ms: quantileMs(samples, STEP_SECONDS, 0.5),
    stepP99Ms: quantileMs(samples, STEP_SECONDS, 0.99),
    patchP50Ms: quantileMs(samples, PATCH_SECONDS, 0.5),
    patchP99Ms: quantileMs(samples, PATCH_SECONDS, 0.99),
    totalSteps: valueOf(samples, STEPS_TOTAL),
    totalPatches: valueOf(samples, `${PATCH_SECONDS}_count`),
    lateSteps: valueOf(samples, LATE_STEPS_TOTAL, { reason: LATE_REASON.overran }),
    lateStarts: valueOf(samples, LATE_STEPS_TOTAL, { reason: LATE_REASON.startedLate }),
    rooms: valueOf(samples, ROOMS),
    connectedClients: valueOf(samples, CONNECTED_CLIENTS),
    eventLoopDelayP99Ms: Math.max(0, valueOf(samples, DEFAULT_SERIES.eventLoopDelayP99) * 1000 - EVENT_LOOP_RESOLUTION_MS),
    rssBytes: valueOf(samples, DEFAULT_SERIES.rss),
    heapUsedBytes: valueOf(samples, DEFAULT_SERIES.heapUsed),
    cpuUserMicros: valueOf(samples, DEFAULT_SERIES.cpuUser) * 1e6,
    cpuSystemMicros: valueOf(samples, DEFAULT_SERIES.cpuSystem) * 1e6,
  };
}

/** The bearer header for a server started with REBOUND_METRICS_TOKEN; none for one without. */
const authorised = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** GET /metrics, with the server's metrics token if it has one. */
export async function readServerMetrics(baseUrl: string, token?: string): Promise<ServerMetrics> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: authorised(token), signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /metrics: ${response.status}`);
  return serverMetricsOf(await response.text());
}

/** POST /metrics/reset: the next read covers only what happens from now on (process totals excepted). */
export async function resetServerMetrics(baseUrl: string, token?: string): Promise<void> {
  const response = await fetch(`${baseUrl}/metrics/reset`, { method: "POST", headers: authorised(token), signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`POST /metrics/reset: ${response.status}`);
}
