// Drives a room's match sim: commands and buffered inputs in (optionally recorded), state published into the schema, events out as typed news.
import type { InputIntent } from "../../shared/input.ts";
import { applyCommand, type MatchCommand } from "../../shared/match/commands.ts";
import { liveSink, type MatchEvent } from "../../shared/match/events.ts";
import { cloneSim, recordingQueue, startLog, type CommandLog } from "../../shared/match/replay.ts";
import { createMatchSim, type InputQueue } from "../../shared/match/sim.ts";
import { stepMatch } from "../../shared/match/step.ts";
import type { NoticeCode } from "../../shared/notices.ts";
import type { MatchState } from "../../shared/state.ts";
import { InstantReplayBuffer } from "../replays/instantReplay.ts";
import type { MatchRecorder } from "../replays/matchRecorder.ts";
import { MatchPublisher } from "./publishMatch.ts";

/** Where the driver's output goes: the room's chat, notices and lobby listing. */
export interface MatchOutlet<Sender> {
  announce(news: MatchEvent): void;
  notice(to: Sender | undefined, notice: NoticeCode): void;
  publishListing(): void;
  /** The run-up to a goal as a small replay file, for every page to show while the kickoff waits. */
  instantReplay(bytes: Uint8Array): void;
}

export class MatchDriver<Sender> {
  /** The match itself: every rule of play lives there; the schema is its published copy. */
  readonly sim = createMatchSim();
  /** The commands and inputs the sim was given since startRecording (tests replay it). */
  commandLog: CommandLog | null = null;
  /** Writes each match into the history as a replay (null: the server keeps no history). */
  recorder: MatchRecorder | null = null;
  private readonly sink = liveSink();
  private readonly instant: InstantReplayBuffer;
  private readonly publisher = new MatchPublisher();
  private readonly state: MatchState;
  private readonly outlet: MatchOutlet<Sender>;

  constructor(state: MatchState, outlet: MatchOutlet<Sender>, roomId: () => string = () => "") {
    this.state = state;
    this.outlet = outlet;
    this.instant = new InstantReplayBuffer(roomId, (bytes) => outlet.instantReplay(bytes));
  }

  /** Starts writing every command and step into `commandLog`, from the sim as it stands. */
  startRecording(): void {
    this.commandLog = startLog(this.sim);
  }

  /** Gives the sim one command from `sender` (undefined: the room itself); a refusal goes back to the sender. */
  command(sender: Sender | undefined, command: MatchCommand): void {
    this.commandLog?.entries.push({ kind: "command", command: structuredClone(command) });
    // A match's replay starts from the sim as it stood just before its start command.
    const simBefore = this.recorder && command.kind === "start" ? cloneSim(this.sim) : null;
    const refusal = applyCommand(this.sim, command, this.sink);
    this.recorder?.command(command, simBefore, this.sim, this.sink.events);
    this.instant.command(command);
    this.publish();
    if (refusal) this.outlet.notice(sender, refusal);
    this.handleEvents();
    if (!refusal) this.outlet.publishListing();
  }

  /** One fixed step on the inputs buffered since the last. */
  step(dt: number, queueOf: (id: string) => InputQueue): void {
    const log = this.commandLog;
    // Every step's inputs are kept for the instant replay's last seconds (and the history and tests when they record).
    const taken: Record<string, InputIntent[]> = {};
    stepMatch(this.sim, { queueOf: (id) => recordingQueue(queueOf(id), (taken[id] = [])) }, dt, this.sink);
    log?.entries.push({ kind: "step", dt, inputs: taken });
    this.recorder?.step(dt, taken, this.sim, this.sink.events);
    this.instant.step(dt, taken, this.sim, this.sink.events);
    this.publish();
    this.handleEvents();
  }

  /** Copies the sim into the schema (the room calls it after applying its create options). */
  publish(): void {
    this.publisher.publish(this.sim, this.state);
  }

  /** The sim's events out: announced in the chat (those that have words), and a fresh listing when the score moved. */
  private handleEvents(): void {
    const events = this.sink.events.splice(0);
    for (const event of events) this.outlet.announce(event);
    if (events.some(changesListing)) this.outlet.publishListing();
  }
}

/** Events after which the lobby's line for this room reads differently. */
function changesListing(event: MatchEvent): boolean {
  return event.kind === "goal" || event.kind === "matchEnded";
}
