// Records a room's matches, each from its start to its end: the replay file written as the match runs (in memory),
// handed to the match store in checkpoint chunks every few seconds, with the history's summary alongside.
//
// Why chunks and not one write at the end: a crashed process loses at most the last checkpoint, and the store's
// write happens after the tick (setImmediate), so recording adds only in-memory appends to the step.
import { TICK_HZ } from "../../shared/constants.ts";
import type { InputIntent } from "../../shared/input.ts";
import type { MatchCommand } from "../../shared/match/commands.ts";
import type { MatchEvent } from "../../shared/match/events.ts";
import type { MatchSim } from "../../shared/match/sim.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";
import { ReplayWriter } from "../../shared/replay/replayFile.ts";
import { hashSim } from "../../shared/replay/simHash.ts";
import { serverLog } from "../log.ts";
import type { MatchStatus, MatchStore, MatchSummary, MatchVisibility } from "../storage/matchStore.ts";

/** Steps between hashes in the file: one a second. */
const HASH_STEPS = TICK_HZ;
/** Steps between checkpoints to the store: at most this much of a match is lost in a crash. */
export const CHECKPOINT_STEPS = 5 * TICK_HZ;

interface Recording {
  writer: ReplayWriter;
  summary: MatchSummary;
  startTick: number;
  nextSeq: number;
  red: Set<string>;
  blue: Set<string>;
}

export class MatchRecorder {
  private recording: Recording | null = null;
  /** Store writes in order, one after another, each after the tick that made it. */
  private writes: Promise<void> = Promise.resolve();
  private readonly store: MatchStore;
  private readonly roomId: () => string;
  private readonly newId: () => string;
  private readonly onBegin: (matchId: string) => void;
  private readonly visibility: () => MatchVisibility;

  /** `onBegin` hears each new match's id (the room publishes it as the replay link); `visibility` is read at each start. */
  constructor(store: MatchStore, room: { roomId: () => string; visibility: () => MatchVisibility }, newId: () => string, onBegin: (matchId: string) => void = () => {}) {
    this.store = store;
    this.roomId = room.roomId;
    this.visibility = room.visibility;
    this.newId = newId;
    this.onBegin = onBegin;
  }

  get matchId(): string | null {
    return this.recording?.summary.id ?? null;
  }

  /** A command the sim was given (before its events). `simBefore` is the sim before it, for a start. */
  command(command: MatchCommand, simBefore: MatchSim | null, sim: MatchSim, events: readonly MatchEvent[]): void {
    const started = events.some((event) => event.kind === "matchStarted");
    if (started && simBefore) {
      if (this.recording) this.finish(sim, "stopped");
      this.begin(simBefore);
    }
    this.recording?.writer.command(command);
    this.afterEvents(sim, events);
  }

  /** One step and the inputs it took. */
  step(dt: number, taken: Record<string, readonly InputIntent[]>, sim: MatchSim, events: readonly MatchEvent[]): void {
    const recording = this.recording;
    if (!recording) return;
    recording.writer.step(dt, taken);
    if (sim.tick % HASH_STEPS === 0) recording.writer.hash(sim.tick, hashSim(sim));
    if (recording.writer.steps % CHECKPOINT_STEPS === 0) this.checkpoint(sim);
    this.afterEvents(sim, events);
  }

  /** The room is closing mid-match. */
  abandon(sim: MatchSim): Promise<void> {
    if (this.recording) this.finish(sim, "abandoned");
    return this.writes;
  }

  /** Resolves when every write so far reached the store. */
  flushed(): Promise<void> {
    return this.writes;
  }

  private afterEvents(sim: MatchSim, events: readonly MatchEvent[]): void {
    const recording = this.recording;
    if (!recording) return;
    for (const event of events) {
      if (event.kind === "goal") {
        recording.summary.scorers.push({ name: event.scorerName, team: event.team, second: Math.floor(sim.elapsedTicks / TICK_HZ) });
      }
      if (event.kind === "matchEnded") return this.finish(sim, "ended");
      if (event.kind === "matchStopped") return this.finish(sim, "stopped");
    }
  }

  private begin(simBefore: MatchSim): void {
    const id = this.newId();
    const startedAt = Date.now();
    const writer = new ReplayWriter({ matchId: id, roomId: this.roomId(), roomName: simBefore.settings.roomName, startedAt, tickHz: TICK_HZ }, simBefore);
    const summary: MatchSummary = {
      id, roomId: this.roomId(), roomName: simBefore.settings.roomName, startedAt, endedAt: null, status: "recording", visibility: this.visibility(),
      scoreRed: 0, scoreBlue: 0, durationSeconds: 0, red: [], blue: [], scorers: [], replayBytes: 0,
    };
    this.recording = { writer, summary, startTick: simBefore.tick, nextSeq: 1, red: new Set(), blue: new Set() };
    this.refreshSummary(this.recording, simBefore);
    const first = writer.takeChunk();
    const copy = structuredClone(summary);
    this.write(() => this.store.begin(copy, first));
    this.onBegin(id);
  }

  private checkpoint(sim: MatchSim): void {
    const recording = this.recording!;
    this.refreshSummary(recording, sim);
    const seq = recording.nextSeq++;
    const chunk = recording.writer.takeChunk();
    const copy = structuredClone(recording.summary);
    this.write(() => this.store.append(copy, seq, chunk));
  }

  private finish(sim: MatchSim, status: MatchStatus): void {
    const recording = this.recording!;
    this.recording = null;
    recording.writer.hash(sim.tick, hashSim(sim));
    recording.writer.end();
    this.refreshSummary(recording, sim);
    recording.summary.status = status;
    recording.summary.endedAt = Date.now();
    const seq = recording.nextSeq++;
    const chunk = recording.writer.takeChunk();
    const copy = structuredClone(recording.summary);
    this.write(() => this.store.finish(copy, seq, chunk));
  }

  private refreshSummary(recording: Recording, sim: MatchSim): void {
    // Everyone who played on a team at a checkpoint is in the history, even if they moved or left later.
    for (const player of sim.players.values()) if (isPlayingTeam(player.team)) (player.team === "red" ? recording.red : recording.blue).add(player.name);
    const summary = recording.summary;
    summary.red = [...recording.red];
    summary.blue = [...recording.blue];
    summary.scoreRed = sim.scoreRed;
    summary.scoreBlue = sim.scoreBlue;
    summary.roomName = sim.settings.roomName;
    summary.durationSeconds = Math.round((sim.tick - recording.startTick) / TICK_HZ);
  }

  private write(work: () => Promise<void>): void {
    this.writes = this.writes.then(() => new Promise<void>((resolve) => {
      setImmediate(() => {
        work().catch((error: unknown) => serverLog.error({ err: error }, "match history write failed")).finally(resolve);
      });
    }));
  }
}
