// Drives a set of bots at the 60 Hz input rate from one timer: bots are spread over the step period in a few phase groups.
import { TICK_HZ } from "../../shared/constants.ts";
import { Reservoir } from "../lib/stats.ts";
import { wallNow } from "../lib/wallClock.ts";
import type { BenchBot } from "./benchBot.ts";

const PERIOD_MS = 1000 / TICK_HZ;
/** Phase groups: bots of a process send at four evenly spaced instants per step, like independent clients. */
const GROUPS = 4;
/** At most this many steps are caught up per wake (a browser sends one input per due step, too). */
const MAX_BURST = 4;

export class StepDriver {
  private readonly groups: BenchBot[][] = Array.from({ length: GROUPS }, () => []);
  private readonly done = new Array<number>(GROUPS).fill(0);
  private readonly t0 = wallNow();
  private timer: NodeJS.Timeout | null = null;
  private recording = false;
  dueSteps = 0;
  droppedSteps = 0;
  readonly lateness = new Reservoir(5000, 3);

  add(bot: BenchBot): void {
    if (!bot.plays) return;
    let smallest = this.groups[0];
    for (const group of this.groups) if (group.length < smallest.length) smallest = group;
    smallest.push(bot);
  }

  private dueTime(group: number, step: number): number {
    return this.t0 + (group * PERIOD_MS) / GROUPS + step * PERIOD_MS;
  }

  start(): void {
    const now = wallNow();
    for (let g = 0; g < GROUPS; g++) this.done[g] = Math.max(0, Math.floor((now - this.dueTime(g, 0)) / PERIOD_MS) + 1);
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  begin(): void {
    this.recording = true;
    this.dueSteps = 0;
    this.droppedSteps = 0;
    this.lateness.clear();
  }

  end(): void {
    this.recording = false;
  }

  private schedule(): void {
    let next = Number.POSITIVE_INFINITY;
    for (let g = 0; g < GROUPS; g++) next = Math.min(next, this.dueTime(g, this.done[g]));
    this.timer = setTimeout(() => this.wake(), Math.max(0, next - wallNow()));
  }

  private wake(): void {
    const now = wallNow();
    for (let g = 0; g < GROUPS; g++) {
      const first = this.dueTime(g, this.done[g]);
      if (first > now) continue;
      const due = Math.floor((now - this.dueTime(g, 0)) / PERIOD_MS) + 1;
      let run = due - this.done[g];
      const bots = this.groups[g];
      if (this.recording && bots.length > 0) {
        this.lateness.add(now - first);
        this.dueSteps += run * bots.length;
        if (run > MAX_BURST) this.droppedSteps += (run - MAX_BURST) * bots.length;
      }
      run = Math.min(run, MAX_BURST);
      this.done[g] = due;
      for (let i = 0; i < run; i++) for (const bot of bots) bot.step();
    }
    this.schedule();
  }
}
