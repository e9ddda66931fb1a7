// Reads a process's CPU time and resident memory from /proc, so Rebound and the baseline are measured the same way.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { wallNow } from "./wallClock.ts";

function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SECOND = clockTicksPerSecond();

export interface ProcSample {
  at: number;
  /** User + system CPU time in ms. */
  cpuMs: number;
  /** System (kernel) part of it: syscalls, and on loopback the TCP delivery to the peer. */
  systemMs: number;
  rssBytes: number;
}

export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { at: wallNow(), cpuMs: ((utime + stime) / TICKS_PER_SECOND) * 1000, systemMs: (stime / TICKS_PER_SECOND) * 1000, rssBytes: rssKb * 1024 };
}

/** Kernel CPU use between two samples as a percentage of one core. */
export function systemCpuPercent(from: ProcSample, to: ProcSample): number {
  const wallMs = to.at - from.at;
  return wallMs > 0 ? ((to.systemMs - from.systemMs) / wallMs) * 100 : Number.NaN;
}

/** CPU use between two samples as a percentage of one core. */
export function cpuPercent(from: ProcSample, to: ProcSample): number {
  const wallMs = to.at - from.at;
  return wallMs > 0 ? ((to.cpuMs - from.cpuMs) / wallMs) * 100 : Number.NaN;
}

export interface MachineCpuSample {
  busy: number;
  total: number;
}

/** Whole-machine CPU counters from /proc/stat (every core, every process: the machine is shared). */
export function sampleMachine(): MachineCpuSample {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/** Share of all cores that was busy between two samples, 0–100. */
export function machineBusyPercent(from: MachineCpuSample, to: MachineCpuSample): number {
  const total = to.total - from.total;
  return total > 0 ? ((to.busy - from.busy) / total) * 100 : Number.NaN;
}
