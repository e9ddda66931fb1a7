// Unit test: a match written as a replay file reads back and re-simulates to the same bits and the same recorded hashes; damaged files are refused by name.
import { describe, expect, it } from "vitest";
import { TICK_HZ } from "../../../../shared/constants.ts";
import { applyCommand } from "../../../../shared/match/commands.ts";
import { REPLAY } from "../../../../shared/match/events.ts";
import { cloneSim, recordedQueue, replayLog, type CommandLog } from "../../../../shared/match/replay.ts";
import { createMatchSim } from "../../../../shared/match/sim.ts";
import { stepMatch } from "../../../../shared/match/step.ts";
import { ByteReader, ByteWriter } from "../../../../shared/replay/bytes.ts";
import { readPlain, writePlain } from "../../../../shared/replay/plainValue.ts";
import { MAX_REPLAY_BYTES, readReplay, ReplayFileError, ReplayWriter, type ReplayFileProblem } from "../../../../shared/replay/replayFile.ts";
import { ReplayRun, scanReplay } from "../../../../shared/replay/replayRun.ts";
import { hashSim } from "../../../../shared/replay/simHash.ts";
import { scriptedLog, simBits } from "../../../helpers/matchSim.ts";

const HEADER = { matchId: "m1", roomId: "abc123", roomName: "Friday 🏆", startedAt: 1_796_400_000_000, tickHz: TICK_HZ };

/** Plays a command log as a room would while recording it: commands and steps into the writer, a hash every second. */
function recorded(log: CommandLog, start = log.start): { bytes: Uint8Array; chunks: number } {
  const writer = new ReplayWriter(HEADER, start);
  const sim = cloneSim(log.start);
  const chunks: Uint8Array[] = [];
  for (const entry of log.entries) {
    if (entry.kind === "command") {
      writer.command(entry.command);
      applyCommand(sim, entry.command, REPLAY);
      continue;
    }
    // Only what the sim really takes is recorded live; take it the same way here.
    const taken: Record<string, { moveX: number; moveY: number; kick: boolean }[]> = {};
    stepMatch(sim, { queueOf: (id) => tracking(recordedQueue(entry.inputs[id]), (taken[id] = [])) }, entry.dt, REPLAY);
    writer.step(entry.dt, taken);
    if (sim.tick % TICK_HZ === 0) writer.hash(sim.tick, hashSim(sim));
    if (sim.tick % (5 * TICK_HZ) === 0) chunks.push(writer.takeChunk());
  }
  writer.end();
  chunks.push(writer.takeChunk());
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, chunks: chunks.length };
}

function tracking(queue: ReturnType<typeof recordedQueue>, taken: { moveX: number; moveY: number; kick: boolean }[]) {
  return {
    *take(max: number) {
      for (const input of queue.take(max)) {
        taken.push({ ...input });
        yield input;
      }
    },
    drain: () => queue.drain(),
  };
}

function problemOf(bytes: Uint8Array): ReplayFileProblem | "read" {
  try {
    readReplay(bytes);
    return "read";
  } catch (error) {
    if (error instanceof ReplayFileError) return error.problem;
    throw error;
  }
}

describe("the replay file", () => {
  const log = scriptedLog(createMatchSim({ scoreLimit: 0, timeLimitSeconds: 0 }), 7, 3000);
  const { bytes, chunks } = recorded(log);

  it("replays a recorded match to the same bits, reproducing every recorded hash, from checkpoint chunks joined", () => {
    expect(chunks).toBeGreaterThan(5);
    const data = readReplay(bytes);
    expect(data.header).toEqual(HEADER);
    expect(data.steps).toBe(3000);
    const run = new ReplayRun(data);
    run.seek(data.steps);
    expect(simBits(run.sim)).toBe(simBits(replayLog(log)));
    expect(run.checkedTicks.size).toBe(50);
    expect(run.mismatches).toEqual([]);
  });

  it("seeks back and forth to the same state as running straight there", () => {
    const data = readReplay(bytes);
    const straight = new ReplayRun(data);
    straight.seek(1234);
    const wandering = new ReplayRun(data);
    wandering.seek(2900);
    wandering.seek(100);
    wandering.seek(1234);
    expect(simBits(wandering.sim)).toBe(simBits(straight.sim));
    expect(wandering.mismatches).toEqual([]);
  });

  it("notices a replay that does not reproduce its hashes (a start state with another score limit)", () => {
    const shifted = cloneSim(log.start);
    shifted.settings.scoreLimit = 1;
    const run = new ReplayRun(readReplay(recorded(log, shifted).bytes));
    run.seek(run.totalSteps);
    expect(run.mismatches.length).toBeGreaterThan(0);
  });

  it("finds the goals by running the sim, not by trusting a list", () => {
    const busy = scriptedLog(createMatchSim({ scoreLimit: 0, timeLimitSeconds: 0 }), 11, 6000);
    const data = readReplay(recorded(busy).bytes);
    const final = new ReplayRun(data);
    final.seek(data.steps);
    const marks = scanReplay(new ReplayRun(data)).goals;
    expect(marks.length).toBe(final.sim.scoreRed + final.sim.scoreBlue + marksBeforeRestart(marks));
    for (const mark of marks) expect(mark.step).toBeGreaterThan(0);
  }, 60_000);

  it("refuses a file that is not a replay, from a future version, too large, cut short or damaged", () => {
    expect(problemOf(new Uint8Array([1, 2, 3, 4, 5]))).toBe("notReplay");
    expect(problemOf(new Uint8Array(0))).toBe("truncated");
    const future = bytes.slice();
    future[4] = 2;
    expect(problemOf(future)).toBe("futureVersion");
    expect(problemOf(new Uint8Array(MAX_REPLAY_BYTES + 1))).toBe("tooLarge");
    for (let i = 1; i <= 97; i++) {
      const cut = Math.floor((bytes.length * i) / 98);
      expect(problemOf(bytes.slice(0, cut)), `cut at ${cut} of ${bytes.length}`).toBe("truncated");
    }
    const trailing = new Uint8Array(bytes.length + 1);
    trailing.set(bytes);
    expect(problemOf(trailing)).toBe("corrupt");
    // Every single damaged byte either still reads (a changed input or hash: the hashes tell) or is refused by name.
    for (let offset = 5; offset < bytes.length; offset += 97) {
      const damaged = bytes.slice();
      damaged[offset] ^= 0xff;
      expect(["read", "corrupt", "truncated"]).toContain(problemOf(damaged));
    }
  }, 60_000);

  it("keeps numbers to the bit and text whole (a lone surrogate becomes U+FFFD)", () => {
    const out = new ByteWriter();
    const value = { a: -0, b: Number.NaN, c: 1e-300, d: 2 ** 53 - 1, e: -5, f: "Zoë 🏆 \ud800!", g: new Map([["k", [true, false, null]]]) };
    writePlain(out, value);
    const back = readPlain(new ByteReader(out.finish()));
    expect(back).toEqual({ ...value, f: "Zoë 🏆 \ufffd!" });
    expect(Object.is((back as { a: number }).a, -0)).toBe(true);
  });
});

/** The scripted log stops and restarts its match once; goals before the restart are no longer in the final score. */
function marksBeforeRestart(marks: { scoreRed: number; scoreBlue: number }[]): number {
  let lost = 0;
  for (let i = 1; i < marks.length; i++) {
    const before = marks[i - 1]!;
    const now = marks[i]!;
    if (now.scoreRed + now.scoreBlue <= before.scoreRed + before.scoreBlue) lost += before.scoreRed + before.scoreBlue;
  }
  return lost;
}
