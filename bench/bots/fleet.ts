// A bot process's fleet: joins rooms of 8 bots (or one given room), drives them at 60 Hz, and reports a measuring window.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { summarize } from "../lib/stats.ts";
import { wallNow } from "../lib/wallClock.ts";
import { BaselineBot } from "../baseline/baselineBot.ts";
import type { BenchBot, BotFactory } from "./benchBot.ts";
import { FleetSinks } from "./fleetSinks.ts";
import type { FleetPlan, FleetReport } from "./ipc.ts";
import { LiveComparison } from "./liveCompare.ts";
import { LivePoller, type PollWindow } from "./livePoller.ts";
import { ReboundBot } from "./reboundBot.ts";
import { StepDriver } from "./stepDriver.ts";

const LOOP_DELAY_RESOLUTION_MS = 5;

export class Fleet {
  readonly roomIds: string[] = [];
  joinFailures = 0;
  private readonly plan: FleetPlan;
  private readonly sinks: FleetSinks;
  private readonly factory: BotFactory;
  private readonly players: BenchBot[] = [];
  private readonly spectators: BenchBot[] = [];
  private readonly hosts: BenchBot[] = [];
  private readonly driver = new StepDriver();
  private readonly pollers: LivePoller[] = [];
  private live: LiveComparison | null = null;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  private windowStart = 0;
  private cpuStart = process.cpuUsage();

  constructor(plan: FleetPlan) {
    this.plan = plan;
    this.sinks = new FleetSinks(plan.simulatedOneWayMs);
    this.factory = plan.kind === "rebound" ? ReboundBot.factory(plan.endpoint, this.sinks) : BaselineBot.factory(plan.endpoint, this.sinks);
  }

  get playerCount(): number {
    return this.players.length;
  }

  private name(index: number): string {
    return `${this.plan.namePrefix}${index}`.slice(0, 20);
  }

  private async fillRoom(roomIndex: number): Promise<void> {
    const base = roomIndex * this.plan.botsPerRoom;
    let roomId = this.plan.joinRoomId;
    let first = 0;
    if (!roomId) {
      const host = await this.factory.create(this.name(base));
      this.players.push(host);
      this.hosts.push(host);
      roomId = host.roomId;
      first = 1;
    }
    this.roomIds.push(roomId);
    for (let i = first; i < this.plan.botsPerRoom; i++) {
      try {
        this.players.push(await this.factory.join(roomId, this.name(base + i), false));
      } catch {
        this.joinFailures += 1;
      }
    }
  }

  /** Joins every room (a few at a time), then the spectators and pollers, then starts driving inputs. */
  async join(): Promise<void> {
    const rooms = this.plan.joinRoomId ? 1 : this.plan.rooms;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < rooms) {
        const index = next++;
        try {
          await this.fillRoom(index);
        } catch {
          this.joinFailures += this.plan.botsPerRoom;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.plan.joinConcurrency) }, worker));
    const watched = this.roomIds[0];
    if (watched && (this.plan.spectators > 0 || this.plan.pollIntervalsMs.length > 0)) {
      const live = new LiveComparison(this.sinks.calibration(watched));
      this.live = live;
      for (let i = 0; i < this.plan.spectators; i++) {
        const spectator = await this.factory.join(watched, `${this.plan.namePrefix}W${i}`.slice(0, 20), true);
        spectator.meter.observe((snapshot) => live.recordWebSocket(snapshot));
        this.spectators.push(spectator);
      }
      for (const intervalMs of this.plan.pollIntervalsMs) {
        const feed = `poll ${intervalMs} ms`;
        const poller = new LivePoller(this.plan.endpoint, watched, intervalMs, (receivedAt, snapshot) => live.recordPoll(feed, receivedAt, snapshot));
        poller.start(this.plan.maxLifetimeMs);
        this.pollers.push(poller);
      }
    }
    for (const bot of this.players) this.driver.add(bot);
    this.driver.start();
    this.loopDelay.enable();
  }

  startMatch(): void {
    for (const host of this.hosts) host.startMatch();
  }

  begin(): void {
    this.sinks.clear();
    for (const bot of [...this.players, ...this.spectators]) bot.meter.begin();
    for (const poller of this.pollers) poller.begin();
    this.driver.begin();
    this.loopDelay.reset();
    this.cpuStart = process.cpuUsage();
    this.windowStart = wallNow();
  }

  end(): FleetReport {
    const windowEnd = wallNow();
    const windowMs = windowEnd - this.windowStart;
    const cpu = process.cpuUsage(this.cpuStart);
    this.driver.end();
    const totals = { inputs: 0, snapshots: 0, framesDown: 0, bytesDown: 0, bytesUp: 0 };
    const tickRates: number[] = [];
    // Every playing bot, connected or not: a client that lost its socket received what it received.
    const patchRates: number[] = [];
    const botTickRates: number[] = [];
    for (const bot of this.players) {
      const window = bot.meter.end();
      totals.inputs += window.inputs;
      totals.snapshots += window.snapshots;
      totals.framesDown += window.framesDown;
      totals.bytesDown += window.bytesDown;
      totals.bytesUp += window.bytesUp;
      patchRates.push(windowMs > 0 ? (window.snapshots / windowMs) * 1000 : 0);
      const tickRate = window.tickSpanMs > 0 ? (window.ticks / window.tickSpanMs) * 1000 : Number.NaN;
      if (Number.isFinite(tickRate)) tickRates.push(tickRate);
      // A bot that saw under two patches saw no tick advance: 0 for it, so the spread shows it.
      botTickRates.push(Number.isFinite(tickRate) ? tickRate : 0);
    }
    let spectator: FleetReport["spectator"] = null;
    for (const bot of this.spectators) {
      const window = bot.meter.end();
      spectator = { bytesDown: window.bytesDown, bytesUp: window.bytesUp, snapshots: window.snapshots, framesDown: window.framesDown };
    }
    const polls: PollWindow[] = this.pollers.map((poller) => poller.end());
    return {
      players: this.players.length,
      spectators: this.spectators.length,
      connected: this.players.filter((bot) => bot.connected).length,
      windowMs,
      ...totals,
      ticksPerSecond: tickRates.length > 0 ? tickRates.reduce((a, b) => a + b, 0) / tickRates.length : 0,
      botPatchesPerSecond: patchRates,
      botTicksPerSecond: botTickRates,
      ackSamples: [...this.sinks.ack.values],
      stalenessSamples: this.sinks.stalenessSamples(),
      calibrationSlackMs: this.sinks.slacks(),
      driver: { dueSteps: this.driver.dueSteps, droppedSteps: this.driver.droppedSteps, lateMs: summarize(this.driver.lateness.values) },
      processCpuPercent: ((cpu.user + cpu.system) / 1000 / windowMs) * 100,
      // The histogram records whole sampling intervals: the delay is what exceeds the resolution.
      eventLoopDelayP99Ms: Math.max(0, this.loopDelay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS),
      spectator,
      polls,
      live: this.live ? this.live.report(this.windowStart, windowEnd) : null,
    };
  }

  async stop(): Promise<void> {
    this.driver.stop();
    for (const poller of this.pollers) poller.stop();
    await Promise.all([...this.players, ...this.spectators].map((bot) => bot.leave()));
  }
}
