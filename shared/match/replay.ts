// A match's command log, and its replay: the same commands and inputs run through the sim again, events silenced.
import type { InputIntent } from "../input.ts";
import { applyCommand, type MatchCommand } from "./commands.ts";
import { REPLAY } from "./events.ts";
import type { InputQueue, MatchSim } from "./sim.ts";
import { stepMatch } from "./step.ts";

export type LogEntry =
  | { kind: "command"; command: MatchCommand }
  /** One step, with the inputs each person's queue gave up to it (already in the order applied). */
  | { kind: "step"; dt: number; inputs: Record<string, InputIntent[]> };

export interface CommandLog {
  /** The sim as it stood when recording began. */
  start: MatchSim;
  entries: LogEntry[];
}

/** A deep, independent copy of a sim (plain data and Maps only). */
export function cloneSim(sim: MatchSim): MatchSim {
  return structuredClone(sim);
}

export function startLog(sim: MatchSim): CommandLog {
  return { start: cloneSim(sim), entries: [] };
}

/** Wraps a queue so that what the sim takes from it is written into `taken` as plain copies. */
export function recordingQueue(queue: InputQueue, taken: InputIntent[]): InputQueue {
  return {
    *take(max: number) {
      for (const input of queue.take(max)) {
        taken.push({ moveX: input.moveX, moveY: input.moveY, kick: input.kick });
        yield input;
      }
    },
    drain: () => queue.drain(),
  };
}

/** A queue over inputs recorded before: gives them up in order, as the live queue did. */
export function recordedQueue(inputs: readonly InputIntent[] | undefined): InputQueue {
  let next = 0;
  return {
    *take(max: number) {
      const list = inputs ?? [];
      for (let i = 0; i < max && next < list.length; i++) yield { ...list[next++] };
    },
    drain: () => { next = inputs?.length ?? 0; },
  };
}

/** Runs the log from its start and returns the resulting sim (the log is left untouched). */
export function replayLog(log: CommandLog): MatchSim {
  const sim = cloneSim(log.start);
  for (const entry of log.entries) {
    if (entry.kind === "command") applyCommand(sim, entry.command, REPLAY);
    else stepMatch(sim, { queueOf: (id) => recordedQueue(entry.inputs[id]) }, entry.dt, REPLAY);
  }
  return sim;
}
