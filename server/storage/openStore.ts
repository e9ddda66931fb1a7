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

export function retentionFromEnv(env: NodeJS.ProcessEnv): RetentionPolicy {
  const days = Number(env.REBOUND_HISTORY_DAYS);
  const megabytes = Number(env.REBOUND_HISTORY_MAX_MB);
  return {
    maxAgeDays: Number.isFinite(days) && days > 0 ? days : 90,
    maxTotalBytes: (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 1024) * 1024 * 1024,
  };
}
