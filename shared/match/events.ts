// What the match simulation reports to its caller: typed events with data, worded (if at all) by whoever shows them.
import type { MatchPhase } from "./phase.ts";
import type { PlayingTeam, Team } from "./teams.ts";

export type MatchEvent =
  | { kind: "phase"; from: MatchPhase; to: MatchPhase }
  /** Everyone was put on their kickoff spot (a teleport, not movement). */
  | { kind: "kickoff" }
  /** `scorer` is "" when nobody touched the ball since the kickoff; `scorerName` says "(own goal)". */
  | { kind: "goal"; team: PlayingTeam; scorer: string; scorerName: string; scoreRed: number; scoreBlue: number }
  | { kind: "matchStarted"; rematch: boolean }
  | { kind: "matchStopped" }
  | { kind: "matchEnded"; winner: PlayingTeam | "draw"; scoreRed: number; scoreBlue: number }
  | { kind: "teamChanged"; name: string; team: Team }
  | { kind: "botJoined"; name: string; team: PlayingTeam }
  | { kind: "botLeft"; name: string }
  | { kind: "settingsChanged" };

/** Where a step or command reports its events. In a replay (`isReplay`) nothing is reported. */
export interface EventSink {
  readonly isReplay: boolean;
  readonly events: MatchEvent[];
}

export function emit(sink: EventSink, event: MatchEvent): void {
  if (!sink.isReplay) sink.events.push(event);
}

/** A sink for re-simulation: events are silenced. */
export const REPLAY: EventSink = Object.freeze({ isReplay: true, events: [] as MatchEvent[] });

export function liveSink(): EventSink {
  return { isReplay: false, events: [] };
}
