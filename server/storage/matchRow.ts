// A matches-table row (as either database returns it) turned back into a MatchSummary.
import type { MatchStatus, MatchSummary, MatchVisibility, ScorerLine } from "./matchStore.ts";

export interface MatchRow {
  id: string;
  room_id: string;
  room_name: string;
  started_at: number | string | bigint;
  ended_at: number | string | bigint | null;
  status: string;
  visibility: string;
  score_red: number;
  score_blue: number;
  duration_seconds: number;
  red_json: string;
  blue_json: string;
  scorers_json: string;
  replay_bytes: number | string | bigint;
}

export function summaryFromRow(row: MatchRow): MatchSummary {
  return {
    id: row.id,
    roomId: row.room_id,
    roomName: row.room_name,
    startedAt: Number(row.started_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    status: row.status as MatchStatus,
    visibility: row.visibility as MatchVisibility,
    scoreRed: Number(row.score_red),
    scoreBlue: Number(row.score_blue),
    durationSeconds: Number(row.duration_seconds),
    red: JSON.parse(row.red_json) as string[],
    blue: JSON.parse(row.blue_json) as string[],
    scorers: JSON.parse(row.scorers_json) as ScorerLine[],
    replayBytes: Number(row.replay_bytes),
  };
}
