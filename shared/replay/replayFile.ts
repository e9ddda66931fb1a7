// The replay file: a versioned binary of a match's settings, start state and per-tick command log (with a state hash
// every second), written as a stream in checkpoint chunks while the match runs, and read back with clear errors.
//
// Layout: "RBRP" · version u8 · header (plain value) · start sim (plain value) · records until END.
// Records: STEP (only the players whose inputs differ from their last step; a count of repeats of the last input is one
// byte), REPEAT n (n steps like the last),
// DT (the step length, when it changes), PLAYER (a session id gets the next index), COMMAND, HASH, END.
// Inputs are written sanitised (int8 axes, kick bit): the sim sanitises again, which changes nothing.
import { sanitizeInput, type InputIntent } from "../input.ts";
import type { MatchCommand } from "../match/commands.ts";
import type { LogEntry } from "../match/replay.ts";
import type { MatchSim } from "../match/sim.ts";
import { ByteRangeError, ByteReader, ByteWriter } from "./bytes.ts";
import { readPlain, writePlain, type PlainValue } from "./plainValue.ts";
import { asMatchCommand, asMatchSim, asReplayHeader } from "./replayShapes.ts";

export const REPLAY_MAGIC = "RBRP";
export const REPLAY_VERSION = 1;
/** Larger than two hours of a full 4v4 (~1 MB): anything bigger was never written by Rebound. */
export const MAX_REPLAY_BYTES = 16 * 1024 * 1024;
/** Two hours of steps at 60 Hz: a file claiming more would make the viewer spin for nothing. */
export const MAX_REPLAY_STEPS = 2 * 60 * 60 * 60;
/** The server buffers at most 32 inputs per client; a step never takes more. */
const MAX_INPUTS_PER_STEP = 64;
const MAX_PLAYERS = 4096;

const OP = { step: 1, repeat: 2, dt: 3, player: 4, command: 5, hash: 6, end: 7 } as const;
/** In a STEP's per-player head byte (the input count): every input repeats that player's last one, none follow. */
const SAME_VALUE = 0x80;

export interface ReplayHeader {
  matchId: string;
  roomId: string;
  roomName: string;
  /** Wall-clock start, ms since the epoch (shown, never simulated). */
  startedAt: number;
  tickHz: number;
}

export interface ReplayHash {
  /** sim.tick after the step the hash was taken at. */
  tick: number;
  hash: number;
}

/** `count` steps in a row on the same inputs (a run of REPEAT records stays one record, not thousands). */
export type ReplaySteps = Extract<LogEntry, { kind: "step" }> & { count: number };

export type ReplayRecord = Extract<LogEntry, { kind: "command" }> | ReplaySteps | ({ kind: "hash" } & ReplayHash);

export interface ReplayData {
  version: number;
  header: ReplayHeader;
  start: MatchSim;
  records: ReplayRecord[];
  steps: number;
}

export type ReplayFileProblem = "notReplay" | "futureVersion" | "tooLarge" | "truncated" | "corrupt";

/** Why a file cannot be replayed, as a code (worded by the page) with the detail for the log. */
export class ReplayFileError extends Error {
  readonly problem: ReplayFileProblem;

  constructor(problem: ReplayFileProblem, detail: string) {
    super(`${problem}: ${detail}`);
    this.problem = problem;
  }
}

/** Writes a match as it happens; `takeChunk` hands over what was written since the last call (a checkpoint). */
export class ReplayWriter {
  private readonly out = new ByteWriter();
  private readonly indexOf = new Map<string, number>();
  private readonly lastInputs: InputIntent[][] = [];
  /** Each player's most recent input (the last of its last non-empty list). */
  private readonly lastValue: InputIntent[] = [];
  private dt = Number.NaN;
  private pendingRepeats = 0;
  private ended = false;
  steps = 0;

  constructor(header: ReplayHeader, start: MatchSim) {
    for (const char of REPLAY_MAGIC) this.out.u8(char.charCodeAt(0));
    this.out.u8(REPLAY_VERSION);
    writePlain(this.out, header);
    writePlain(this.out, start);
  }

  command(command: MatchCommand): void {
    this.flushRepeats();
    this.out.u8(OP.command);
    writePlain(this.out, command);
  }

  /** One step and the inputs each person's queue gave up to it (people who gave none may be left out). */
  step(dt: number, inputs: Record<string, readonly InputIntent[]>): void {
    if (dt !== this.dt) {
      this.flushRepeats();
      this.out.u8(OP.dt);
      this.out.f64(dt);
      this.dt = dt;
    }
    this.steps += 1;
    const changed: [number, InputIntent[]][] = [];
    const seen = new Set<number>();
    for (const [id, list] of Object.entries(inputs)) {
      const index = this.playerIndex(id);
      seen.add(index);
      const clean = list.map((input) => sanitizeInput({ moveX: input.moveX, moveY: input.moveY, kick: input.kick }));
      if (!sameInputs(clean, this.lastInputs[index] ?? [])) changed.push([index, clean]);
    }
    // Someone who gave inputs last step and is absent now gave none.
    this.lastInputs.forEach((last, index) => { if (last.length > 0 && !seen.has(index)) changed.push([index, []]); });
    if (changed.length === 0) {
      this.pendingRepeats += 1;
      return;
    }
    this.flushRepeats();
    this.out.u8(OP.step);
    this.out.varint(changed.length);
    for (const [index, list] of changed) {
      this.lastInputs[index] = list;
      this.out.varint(index);
      // Network jitter changes how many inputs a step takes far more often than what they say: a count whose inputs
      // all repeat the player's last one costs this one byte.
      const last = this.lastValue[index];
      const repeated = list.length > 0 && last !== undefined && list.every((input) => sameInput(input, last));
      this.out.u8(list.length | (repeated ? SAME_VALUE : 0));
      if (list.length > 0) this.lastValue[index] = list[list.length - 1]!;
      if (repeated) continue;
      for (const input of list) {
        this.out.i8(input.moveX);
        this.out.i8(input.moveY);
        this.out.u8(input.kick ? 1 : 0);
      }
    }
  }

  hash(tick: number, hash: number): void {
    this.flushRepeats();
    this.out.u8(OP.hash);
    this.out.varint(tick);
    this.out.u32(hash);
  }

  end(): void {
    if (this.ended) return;
    this.flushRepeats();
    this.out.u8(OP.end);
    this.ended = true;
  }

  /** The bytes written since the last chunk; a chunk always ends on a record boundary. */
  takeChunk(): Uint8Array {
    this.flushRepeats();
    return this.out.take();
  }

  private playerIndex(id: string): number {
    let index = this.indexOf.get(id);
    if (index === undefined) {
      this.flushRepeats();
      index = this.indexOf.size;
      this.indexOf.set(id, index);
      this.out.u8(OP.player);
      this.out.string(id);
    }
    return index;
  }

  private flushRepeats(): void {
    if (this.pendingRepeats === 0) return;
    this.out.u8(OP.repeat);
    this.out.varint(this.pendingRepeats);
    this.pendingRepeats = 0;
  }
}

function sameInput(a: InputIntent, b: InputIntent): boolean {
  return a.moveX === b.moveX && a.moveY === b.moveY && a.kick === b.kick;
}

function sameInputs(a: readonly InputIntent[], b: readonly InputIntent[]): boolean {
  return a.length === b.length && a.every((input, i) => sameInput(input, b[i]!));
}

/** Reads a whole replay file; throws ReplayFileError saying what is wrong with it. */
export function readReplay(bytes: Uint8Array): ReplayData {
  if (bytes.length > MAX_REPLAY_BYTES) throw new ReplayFileError("tooLarge", `${bytes.length} bytes`);
  const input = new ByteReader(bytes);
  try {
    for (const char of REPLAY_MAGIC) if (input.u8() !== char.charCodeAt(0)) throw new ReplayFileError("notReplay", "no RBRP mark");
    const version = input.u8();
    if (version > REPLAY_VERSION) throw new ReplayFileError("futureVersion", `version ${version}, this build reads ${REPLAY_VERSION}`);
    if (version < 1) throw new ReplayFileError("corrupt", `version ${version}`);
    const header = asReplayHeader(readPlain(input));
    const start = asMatchSim(readPlain(input));
    if (!header || !start) throw new ReplayFileError("corrupt", "header or start state has the wrong shape");
    const { records, steps } = readRecords(input);
    return { version, header, start, records, steps };
  } catch (error) {
    if (error instanceof ReplayFileError) throw error;
    if (error instanceof ByteRangeError) {
      throw new ReplayFileError(error.pastEnd ? "truncated" : "corrupt", error.message);
    }
    throw new ReplayFileError("corrupt", error instanceof Error ? error.message : String(error));
  }
}

function readRecords(input: ByteReader): { records: ReplayRecord[]; steps: number } {
  const records: ReplayRecord[] = [];
  const ids: string[] = [];
  const lastInputs: InputIntent[][] = [];
  const lastValue: InputIntent[] = [];
  let dt = Number.NaN;
  let steps = 0;
  let current: ReplaySteps | null = null;
  const pushSteps = (count: number) => {
    if (!(dt > 0 && dt < 1)) throw new ReplayFileError("corrupt", `step before a valid step length (${dt})`);
    steps += count;
    if (steps > MAX_REPLAY_STEPS) throw new ReplayFileError("corrupt", `more than ${MAX_REPLAY_STEPS} steps`);
    if (current && records[records.length - 1] === current && current.dt === dt) {
      current.count += count;
      return;
    }
    const inputs: Record<string, InputIntent[]> = {};
    lastInputs.forEach((list, index) => { if (list.length > 0) inputs[ids[index]!] = list.map((one) => ({ ...one })); });
    current = { kind: "step", dt, inputs, count };
    records.push(current);
  };
  for (;;) {
    if (input.remaining === 0) throw new ReplayFileError("truncated", "no end mark");
    const op = input.u8();
    switch (op) {
      case OP.end:
        if (input.remaining !== 0) throw new ReplayFileError("corrupt", `${input.remaining} bytes after the end mark`);
        return { records, steps };
      case OP.dt: dt = input.f64(); break;
      case OP.player:
        if (ids.length >= MAX_PLAYERS) throw new ReplayFileError("corrupt", "too many players");
        ids.push(input.string());
        break;
      case OP.command: {
        const command = asMatchCommand(readPlain(input));
        if (!command) throw new ReplayFileError("corrupt", "a command of the wrong shape");
        records.push({ kind: "command", command });
        break;
      }
      case OP.hash: records.push({ kind: "hash", tick: input.varint(), hash: input.u32() }); break;
      // Steps on the inputs as they stand (none for anyone, before the first STEP).
      case OP.repeat: pushSteps(input.varint()); break;
      case OP.step: {
        const changed = input.varint();
        for (let c = 0; c < changed; c++) {
          const index = input.varint();
          if (index >= ids.length) throw new ReplayFileError("corrupt", `player ${index} never named`);
          const head = input.u8();
          const count = head & ~SAME_VALUE;
          if (count > MAX_INPUTS_PER_STEP) throw new ReplayFileError("corrupt", `${count} inputs in one step`);
          const list: InputIntent[] = [];
          const last = lastValue[index];
          if (head & SAME_VALUE) {
            if (!last || count === 0) throw new ReplayFileError("corrupt", `player ${index} repeats an input it never sent`);
            for (let i = 0; i < count; i++) list.push({ ...last });
          } else {
            for (let i = 0; i < count; i++) list.push({ moveX: input.i8(), moveY: input.i8(), kick: input.u8() === 1 });
          }
          if (count > 0) lastValue[index] = list[count - 1]!;
          lastInputs[index] = list;
        }
        current = null;
        pushSteps(1);
        break;
      }
      default: throw new ReplayFileError("corrupt", `unknown record ${op}`);
    }
  }
}

/** The end mark alone: closes a recording that was cut off (a crashed server's last checkpoint) so it reads. */
export function endMark(): Uint8Array {
  return Uint8Array.of(OP.end);
}

/** Joins checkpoint chunks (in order) into one file's bytes. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export type { PlainValue };
