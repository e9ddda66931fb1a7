// Reads and resets a server's GET /metrics (Rebound's server/metrics.ts, which the baseline serves too), checked field by field.
import type { MetricsSnapshot } from "../../server/metrics.ts";
import { METRICS_AUTH } from "./childServer.ts";

const FIELDS = [
  "stepP50Ms", "stepP99Ms", "patchP50Ms", "patchP99Ms", "totalPatches", "stepPeriodMs", "totalSteps", "lateSteps",
  "eventLoopDelayP99Ms", "rssBytes", "heapUsedBytes", "cpuUserMicros", "cpuSystemMicros", "uptimeSeconds",
] as const satisfies readonly (keyof MetricsSnapshot)[];

function parseMetrics(value: unknown): MetricsSnapshot {
  if (typeof value !== "object" || value === null) throw new Error("GET /metrics: not an object");
  const out: Partial<Record<keyof MetricsSnapshot, number>> = {};
  for (const field of FIELDS) {
    const number: unknown = Reflect.get(value, field);
    if (typeof number !== "number") throw new Error(`GET /metrics: ${field} missing`);
    out[field] = number;
  }
  return out as MetricsSnapshot;
}

export async function readMetrics(baseUrl: string): Promise<MetricsSnapshot> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: METRICS_AUTH, signal: AbortSignal.timeout(10_000) });
  return parseMetrics(await response.json());
}

export async function resetMetrics(baseUrl: string): Promise<void> {
  await fetch(`${baseUrl}/metrics/reset`, { method: "POST", headers: METRICS_AUTH, signal: AbortSignal.timeout(10_000) });
}
