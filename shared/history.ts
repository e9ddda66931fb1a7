// The match history as the HTTP API serves it and the pages read it: the JSON shape and the query's limits.
import { z } from "zod";

export const MATCH_ID = /^[A-Za-z0-9_-]{8,32}$/;
export const HISTORY_PAGE_MAX = 100;
export const REPLAY_CONTENT_TYPE = "application/vnd.rebound.replay";

const Scorer = z.object({ name: z.string(), team: z.enum(["red", "blue"]), second: z.number() });

export const MatchSummaryWire = z.object({
  id: z.string().regex(MATCH_ID),
  roomId: z.string(),
  roomName: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  status: z.enum(["recording", "ended", "stopped", "abandoned", "interrupted"]),
  visibility: z.enum(["public", "private", "password"]),
  scoreRed: z.number(),
  scoreBlue: z.number(),
  durationSeconds: z.number(),
  red: z.array(z.string()),
  blue: z.array(z.string()),
  scorers: z.array(Scorer),
  replayBytes: z.number(),
});
export type MatchSummaryWire = z.infer<typeof MatchSummaryWire>;

export const HistoryPage = z.object({ matches: z.array(MatchSummaryWire) });
export type HistoryPage = z.infer<typeof HistoryPage>;

/** GET /api/matches query: all optional; `before` pages back in time. */
export const HistoryQueryWire = z.object({
  room: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  player: z.string().min(1).max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(30),
}).strict();
