// The machine's wall clock with sub-millisecond resolution, comparable across the benchmark's processes.
import { performance } from "node:perf_hooks";

/** Milliseconds since the Unix epoch, fractional. Every process on this machine reads the same clock
 * (timeOrigin comes from the realtime clock), so bots, pollers and the server's Date.now() agree. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
