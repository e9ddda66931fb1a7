// The machine's load average (1/5/15 minutes) around each bench phase: the machine is shared, and a busy one shows in every figure.
import os from "node:os";
import { round } from "./stats.ts";

export type LoadAverage = [number, number, number];

export interface PhaseLoad {
  phase: string;
  start: LoadAverage;
  end: LoadAverage;
}

export function loadNow(): LoadAverage {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return [round(one), round(five), round(fifteen)];
}

/** More runnable work than cores over the last minute: the figures come from a busy machine. */
export function isBusy(load: LoadAverage, cores: number): boolean {
  return load[0] > cores;
}

export function formatLoad(load: LoadAverage): string {
  return load.join(" / ");
}

/** Runs one phase between two load readings, prints them, and records them in `phases`. */
export async function withLoad<T>(phase: string, cores: number, phases: PhaseLoad[], log: (line: string) => void, run: () => Promise<T>): Promise<T> {
  const start = loadNow();
  log(`${phase} — load ${formatLoad(start)}${isBusy(start, cores) ? ` (busy: over ${cores} cores)` : ""}`);
  const result = await run();
  const end = loadNow();
  phases.push({ phase, start, end });
  log(`  load at the end: ${formatLoad(end)}`);
  return result;
}
