// The machine a benchmark ran on: CPU model, cores, memory, Node version, load at start.
import os from "node:os";
import { loadNow, type LoadAverage } from "./load.ts";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  nodeVersion: string;
  platform: string;
  osRelease: string;
  /** 1, 5 and 15 minute load averages when the run started (the machine is shared). */
  loadAverage: LoadAverage;
}

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    nodeVersion: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    osRelease: os.release(),
    loadAverage: loadNow(),
  };
}
