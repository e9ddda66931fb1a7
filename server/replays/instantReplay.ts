// The instant replay after a goal: the room keeps the last few seconds of its match as a keyframe a second plus the
// commands and inputs since, and half a second after a goal hands out a small replay file of the run-up, which every
// page re-simulates with the shared sim during the celebration and countdown.
import { TICK_HZ } from "../../shared/constants.ts";
import type { InputIntent } from "../../shared/input.ts";
import type { MatchCommand } from "../../shared/match/commands.ts";
import type { MatchEvent } from "../../shared/match/events.ts";
import { cloneSim, type LogEntry } from "../../shared/match/replay.ts";
import type { MatchSim } from "../../shared/match/sim.ts";
import { ReplayWriter } from "../../shared/replay/replayFile.ts";
import { hashSim } from "../../shared/replay/simHash.ts";

/** The replay starts this long before the goal… */
export const INSTANT_LEAD_SECONDS = 3;
/** …and runs on this long after it (the ball in the net), inside the 2 s celebration. */
export const INSTANT_TAIL_STEPS = TICK_HZ / 2;
/** Keyframes kept: enough to start LEAD seconds before a goal wherever in the second it falls. */
const KEYFRAMES = INSTANT_LEAD_SECONDS + 2;

interface Keyframe {
  sim: MatchSim;
  /** Index in `entries` of the first entry after the keyframe. */
  from: number;
}

export class InstantReplayBuffer {
  private keyframes: Keyframe[] = [];
  private entries: LogEntry[] = [];
  private sendAtTick = -1;
  private goalTick = 0;
  private readonly roomId: () => string;
  private readonly send: (bytes: Uint8Array) => void;

  constructor(roomId: () => string, send: (bytes: Uint8Array) => void) {
    this.roomId = roomId;
    this.send = send;
  }

  command(command: MatchCommand): void {
    this.entries.push({ kind: "command", command: structuredClone(command) });
  }

  /** After each step, with the inputs it took and its events; `sim` is the sim after the step. */
  step(dt: number, taken: Record<string, InputIntent[]>, sim: MatchSim, events: readonly MatchEvent[]): void {
    this.entries.push({ kind: "step", dt, inputs: taken });
    if (events.some((event) => event.kind === "goal")) {
      this.goalTick = sim.tick;
      this.sendAtTick = sim.tick + INSTANT_TAIL_STEPS;
    }
    if (sim.tick === this.sendAtTick) {
      this.sendAtTick = -1;
      const bytes = this.build(sim);
      if (bytes) this.send(bytes);
    }
    if (sim.tick % TICK_HZ === 0) this.keep(sim);
  }

  private keep(sim: MatchSim): void {
    this.keyframes.push({ sim: cloneSim(sim), from: this.entries.length });
    if (this.keyframes.length <= KEYFRAMES) return;
    // Forget what came before the oldest keyframe still kept.
    this.keyframes.shift();
    const drop = this.keyframes[0]!.from;
    this.entries = this.entries.slice(drop);
    for (const frame of this.keyframes) frame.from -= drop;
  }

  /** The run-up to the goal as a replay file: from the newest keyframe at least LEAD seconds before it. */
  private build(sim: MatchSim): Uint8Array | null {
    const wanted = this.goalTick - INSTANT_LEAD_SECONDS * TICK_HZ;
    const start = [...this.keyframes].reverse().find((frame) => frame.sim.tick <= wanted) ?? this.keyframes[0];
    if (!start) return null;
    const writer = new ReplayWriter({ matchId: "instant", roomId: this.roomId(), roomName: sim.settings.roomName, startedAt: 0, tickHz: TICK_HZ }, start.sim);
    for (const entry of this.entries.slice(start.from)) {
      if (entry.kind === "command") writer.command(entry.command);
      else writer.step(entry.dt, entry.inputs);
    }
    // The last state's hash: a page whose re-simulation drifted can tell.
    writer.hash(sim.tick, hashSim(sim));
    writer.end();
    return writer.takeChunk();
  }
}
