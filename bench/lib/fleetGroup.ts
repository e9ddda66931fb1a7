// A group of bot processes measured together: start their fleets, open and close one window on all, sum their CPU.
import type { FleetPlan, FleetReport } from "../bots/ipc.ts";
import { BotProcess } from "./botProcesses.ts";
import { cpuPercent, type ProcSample } from "./procStats.ts";

export interface ReadyInfo {
  roomIds: string[];
  players: number;
  joinMs: number;
  joinFailures: number;
}

export class FleetGroup {
  readonly processes: BotProcess[] = [];
  private cpuStart: (ProcSample | null)[] = [];

  /** Starts one more bot process with `plan`; resolves when its bots have joined. */
  async add(plan: FleetPlan, timeoutMs: number): Promise<ReadyInfo> {
    const bots = BotProcess.spawn();
    this.processes.push(bots);
    const ready = await bots.start(plan, timeoutMs);
    return { roomIds: ready.roomIds, players: ready.players, joinMs: ready.joinMs, joinFailures: ready.joinFailures };
  }

  async startMatch(): Promise<void> {
    await Promise.all(this.processes.map((bots) => bots.startMatch()));
  }

  async begin(): Promise<void> {
    this.cpuStart = this.processes.map((bots) => bots.sample());
    await Promise.all(this.processes.map((bots) => bots.begin()));
  }

  /** Ends the window: every fleet's report and the bot processes' total CPU (% of one core). */
  async end(): Promise<{ reports: FleetReport[]; botCpuPercent: number }> {
    const reports = await Promise.all(this.processes.map((bots) => bots.end()));
    let total = 0;
    this.processes.forEach((bots, index) => {
      const from = this.cpuStart[index];
      const to = bots.sample();
      if (from && to) total += cpuPercent(from, to);
    });
    return { reports, botCpuPercent: total };
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((bots) => bots.stop()));
    this.processes.length = 0;
  }
}
