// A long 4v4 played by scripted people, recorded the way a room records it: the sim stepped on their inputs, the
// replay writer fed what each step took, a hash a second and a checkpoint chunk every 5 s. Inputs look like keyboards:
// a direction held for a quarter to three quarters of a second, kick now and then, and the network's jitter (a step
// now and then takes no input or two).
import { TICK_HZ } from "../../shared/constants.ts";
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";
import { applyCommand } from "../../shared/match/commands.ts";
import { REPLAY } from "../../shared/match/events.ts";
import { cloneSim } from "../../shared/match/replay.ts";
import { createMatchSim, type InputQueue } from "../../shared/match/sim.ts";
import { stepMatch } from "../../shared/match/step.ts";
import { ReplayWriter } from "../../shared/replay/replayFile.ts";
import { hashSim } from "../../shared/replay/simHash.ts";

const CHECKPOINT_STEPS = 5 * TICK_HZ;
const DIRECTIONS = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1], [0, 0]] as const;

export interface SyntheticMatch {
  chunks: Uint8Array[];
  bytes: number;
  steps: number;
  /** CPU ms the recording itself took (writer + hashes), apart from the sim. */
  recordingMs: number;
}

/** A seeded generator (LCG): the same match for the same seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function syntheticMatch(minutes: number, seed = 1): SyntheticMatch {
  const random = seeded(seed);
  const sim = createMatchSim({ scoreLimit: 0, timeLimitSeconds: 0 });
  const people = Array.from({ length: 8 }, (_, i) => `p${i}`);
  const writer = new ReplayWriter({ matchId: "bench", roomId: "bench", roomName: "Bench 4v4", startedAt: 0, tickHz: TICK_HZ }, cloneSim(sim));
  const chunks: Uint8Array[] = [writer.takeChunk()];
  for (const [i, id] of people.entries()) {
    const command = { kind: "join", id, name: `Player ${i + 1}`, spectate: false } as const;
    writer.command(command);
    applyCommand(sim, command, REPLAY);
  }
  writer.command({ kind: "start" });
  applyCommand(sim, { kind: "start" }, REPLAY);
  const held = new Map<string, { intent: InputIntent; ticksLeft: number }>();
  const steps = minutes * 60 * TICK_HZ;
  let recordingMs = 0;
  const dt = 1 / TICK_HZ;
  for (let tick = 0; tick < steps; tick++) {
    const pending: Record<string, InputIntent[]> = {};
    for (const id of people) {
      let hold = held.get(id);
      if (!hold || hold.ticksLeft <= 0) {
        const [x, y] = DIRECTIONS[Math.floor(random() * DIRECTIONS.length)]!;
        hold = { intent: { moveX: x * AXIS_MAX, moveY: y * AXIS_MAX, kick: random() < 0.2 }, ticksLeft: 15 + Math.floor(random() * 30) };
        held.set(id, hold);
      }
      hold.ticksLeft -= 1;
      const jitter = random();
      const count = jitter < 0.075 ? 0 : jitter < 0.15 ? 2 : 1;
      pending[id] = Array.from({ length: count }, () => ({ ...hold!.intent }));
    }
    const taken: Record<string, InputIntent[]> = {};
    stepMatch(sim, { queueOf: (id) => takingQueue(pending[id] ?? [], (taken[id] = [])) }, dt, REPLAY);
    const started = performance.now();
    writer.step(dt, taken);
    if (sim.tick % TICK_HZ === 0) writer.hash(sim.tick, hashSim(sim));
    if (writer.steps % CHECKPOINT_STEPS === 0) chunks.push(writer.takeChunk());
    recordingMs += performance.now() - started;
  }
  writer.end();
  chunks.push(writer.takeChunk());
  return { chunks, bytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0), steps, recordingMs };
}

function takingQueue(inputs: InputIntent[], taken: InputIntent[]): InputQueue {
  let next = 0;
  return {
    *take(max: number) {
      for (let i = 0; i < max && next < inputs.length; i++) {
        const input = inputs[next++]!;
        taken.push({ ...input });
        yield input;
      }
    },
    drain: () => { next = inputs.length; },
  };
}
