// What the match history keeps and how it is asked for: one interface, a SQLite store (default) and a PostgreSQL one.
import type { PlayingTeam } from "../../shared/match/teams.ts";

export type MatchStatus = "recording" | "ended" | "stopped" | "abandoned" | "interrupted";

/** Who may find a match in the history's lists: public rooms everywhere, private rooms by their room code only,
 * password rooms in no list (the replay link, shown to the players in the match, still opens it). */
export type MatchVisibility = "public" | "private" | "password";

export interface ScorerLine {
  name: string;
  team: PlayingTeam;
  /** Seconds of match clock when the goal went in. */
  second: number;
}

/** One match as the history lists it (the replay's bytes are kept apart, in checkpoint chunks). */
export interface MatchSummary {
  id: string;
  roomId: string;
  roomName: string;
  /** ms since the epoch */
  startedAt: number;
  endedAt: number | null;
  status: MatchStatus;
  visibility: MatchVisibility;
  scoreRed: number;
  scoreBlue: number;
  durationSeconds: number;
  red: string[];
  blue: string[];
  scorers: ScorerLine[];
  replayBytes: number;
}

export interface HistoryQuery {
  roomId?: string;
  /** Matches someone of this name played in (either team). */
  player?: string;
  /** Only matches started before this (ms since the epoch): the next page. */
  before?: number;
  limit: number;
}

export interface RetentionPolicy {
  /** Matches started longer ago than this are deleted. */
  maxAgeDays: number;
  /** When all replays together are larger, the oldest matches go first. */
  maxTotalBytes: number;
}

export interface MatchStore {
  readonly kind: "sqlite" | "postgres";
  /** A new match with its first chunk (the file's header and start state). */
  begin(summary: MatchSummary, firstChunk: Uint8Array): Promise<void>;
  /** One checkpoint: the chunk and the summary as it stands; ignored once the match is no longer recording. */
  append(summary: MatchSummary, seq: number, chunk: Uint8Array): Promise<void>;
  /** The last chunk (with the end mark) and the final summary. */
  finish(summary: MatchSummary, seq: number, chunk: Uint8Array): Promise<void>;
  list(query: HistoryQuery): Promise<MatchSummary[]>;
  get(id: string): Promise<MatchSummary | null>;
  /** The replay's chunks in order, or null for an unknown match. */
  chunks(id: string): Promise<Uint8Array[] | null>;
  /** Matches still "recording" whose last checkpoint is older than `staleMs`: closed with `endMark`, marked interrupted. */
  closeStale(staleMs: number, now: number, endMark: Uint8Array): Promise<number>;
  /** Deletes by age and size; returns how many matches went. */
  prune(policy: RetentionPolicy, now: number): Promise<number>;
  close(): Promise<void>;
}
