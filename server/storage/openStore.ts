// Which match store a process uses, from its environment: PostgreSQL when DATABASE_URL is set, else SQLite
// (REBOUND_DB_PATH, default ./data/rebound.sqlite; ":memory:" keeps nothing across restarts; "off" keeps no history).
import { fileURLToPath } from "node:url";
import type { MatchStore, RetentionPolicy } from "./matchStore.ts";
import { SqliteMatchStore } from "./sqliteStore.ts";

export const DEFAULT_DB_PATH = fileURLToPath(new URL("../../data/rebound.sqlite", import.meta.url));

export async function openMatchStore(env: NodeJS.ProcessEnv): Promise<MatchStore | null> {
  if (env.DATABASE_URL) {
    const { PostgresMatchStore } = await import("./postgresStore.ts");
    return PostgresMatchStore.connect(env.DATABASE_URL);
  }
  const path = env.REBOUND_DB_PATH || DEFAULT_DB_PATH;
  if (path === "off") return null;
  return new SqliteMatchStore(path);
}

export interface HistoryUpkeep {
  retention: RetentionPolicy;
  /** A recording with no checkpoint for this long lost its process: it is closed as "interrupted". */
  staleMs: number;
}

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : fallback;
}

/** REBOUND_HISTORY_DAYS (default 90), REBOUND_HISTORY_MAX_MB (default 1024), REBOUND_HISTORY_STALE_SECONDS (default 120:
 * checkpoints come every 5 s, a stalled process gets ample slack). */
export function upkeepFromEnv(env: NodeJS.ProcessEnv): HistoryUpkeep {
  return {
    retention: {
      maxAgeDays: positive(env.REBOUND_HISTORY_DAYS, 90),
      maxTotalBytes: positive(env.REBOUND_HISTORY_MAX_MB, 1024) * 1024 * 1024,
    },
    staleMs: positive(env.REBOUND_HISTORY_STALE_SECONDS, 120) * 1000,
  };
}
