// The match history in PostgreSQL (DATABASE_URL): one database shared by several game processes behind Redis.
import pg from "pg";
import type { HistoryQuery, MatchStore, MatchSummary, RetentionPolicy } from "./matchStore.ts";
import { migrationsFor } from "./migrations.ts";
import { summaryFromRow, type MatchRow } from "./matchRow.ts";

/** Any key: several processes starting at once take turns migrating. */
const MIGRATION_LOCK = 0x5245424f;

export class PostgresMatchStore implements MatchStore {
  readonly kind = "postgres";
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  static async connect(url: string): Promise<PostgresMatchStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection the server dropped must not take the game process down.
    pool.on("error", () => {});
    const store = new PostgresMatchStore(pool);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      const applied = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((row) => Number(row.version)));
      for (const migration of migrationsFor("postgres")) {
        if (applied.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [migration.version, migration.name, Date.now()]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }

  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await work(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async begin(summary: MatchSummary, firstChunk: Uint8Array): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`INSERT INTO matches (id, room_id, room_name, started_at, ended_at, updated_at, status, score_red, score_blue,
        duration_seconds, red_json, blue_json, scorers_json, replay_bytes, visibility) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [summary.id, summary.roomId, summary.roomName, summary.startedAt, summary.endedAt, Date.now(), summary.status,
        summary.scoreRed, summary.scoreBlue, summary.durationSeconds, JSON.stringify(summary.red), JSON.stringify(summary.blue),
        JSON.stringify(summary.scorers), firstChunk.length, summary.visibility]);
      await client.query("INSERT INTO replay_chunks (match_id, seq, bytes) VALUES ($1, 0, $2)", [summary.id, Buffer.from(firstChunk)]);
      await addPlayers(client, summary);
    });
  }

  async append(summary: MatchSummary, seq: number, chunk: Uint8Array): Promise<void> {
    await this.transaction(async (client) => {
      // FOR UPDATE: the upkeep of another process cannot close the match between this check and the insert.
      const row = await client.query<{ status: string }>("SELECT status FROM matches WHERE id = $1 FOR UPDATE", [summary.id]);
      if (row.rows[0]?.status !== "recording") return;
      await client.query("INSERT INTO replay_chunks (match_id, seq, bytes) VALUES ($1, $2, $3)", [summary.id, seq, Buffer.from(chunk)]);
      await client.query(`UPDATE matches SET room_name = $1, ended_at = $2, updated_at = $3, status = $4, score_red = $5, score_blue = $6,
        duration_seconds = $7, red_json = $8, blue_json = $9, scorers_json = $10, replay_bytes = replay_bytes + $11 WHERE id = $12`,
      [summary.roomName, summary.endedAt, Date.now(), summary.status, summary.scoreRed, summary.scoreBlue, summary.durationSeconds,
        JSON.stringify(summary.red), JSON.stringify(summary.blue), JSON.stringify(summary.scorers), chunk.length, summary.id]);
      await addPlayers(client, summary);
    });
  }

  finish(summary: MatchSummary, seq: number, chunk: Uint8Array): Promise<void> {
    return this.append(summary, seq, chunk);
  }

  async list(query: HistoryQuery): Promise<MatchSummary[]> {
    const where: string[] = [];
    const values: (string | number)[] = [];
    const param = (value: string | number) => { values.push(value); return `$${values.length}`; };
    // A room code finds public and private rooms' matches; without one only public ones are listed; password rooms never.
    if (query.roomId !== undefined) where.push(`room_id = ${param(query.roomId)} AND visibility != 'password'`);
    else where.push("visibility = 'public'");
    if (query.player !== undefined) where.push(`id IN (SELECT match_id FROM match_players WHERE name = ${param(query.player)})`);
    if (query.before !== undefined) where.push(`started_at < ${param(query.before)}`);
    const sql = `SELECT * FROM matches ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY started_at DESC LIMIT ${param(query.limit)}`;
    return (await this.pool.query<MatchRow>(sql, values)).rows.map(summaryFromRow);
  }

  async get(id: string): Promise<MatchSummary | null> {
    const row = (await this.pool.query<MatchRow>("SELECT * FROM matches WHERE id = $1", [id])).rows[0];
    return row ? summaryFromRow(row) : null;
  }

  async chunks(id: string): Promise<Uint8Array[] | null> {
    if ((await this.pool.query("SELECT 1 FROM matches WHERE id = $1", [id])).rowCount === 0) return null;
    const rows = (await this.pool.query<{ bytes: Buffer }>("SELECT bytes FROM replay_chunks WHERE match_id = $1 ORDER BY seq", [id])).rows;
    return rows.map((row) => new Uint8Array(row.bytes));
  }

  async closeStale(staleMs: number, now: number, endMark: Uint8Array): Promise<number> {
    const stale = (await this.pool.query<{ id: string }>("SELECT id FROM matches WHERE status = 'recording' AND updated_at < $1", [now - staleMs])).rows;
    let closed = 0;
    for (const { id } of stale) {
      await this.transaction(async (client) => {
        const row = await client.query<{ status: string; updated_at: string }>("SELECT status, updated_at FROM matches WHERE id = $1 FOR UPDATE", [id]);
        const match = row.rows[0];
        // Checked again under the lock: its process may have written a checkpoint since.
        if (match?.status !== "recording" || Number(match.updated_at) >= now - staleMs) return;
        const next = await client.query<{ next: number }>("SELECT COALESCE(MAX(seq), -1) + 1 AS next FROM replay_chunks WHERE match_id = $1", [id]);
        await client.query("INSERT INTO replay_chunks (match_id, seq, bytes) VALUES ($1, $2, $3)", [id, next.rows[0]!.next, Buffer.from(endMark)]);
        await client.query("UPDATE matches SET status = 'interrupted', ended_at = updated_at, replay_bytes = replay_bytes + $1 WHERE id = $2", [endMark.length, id]);
        closed += 1;
      });
    }
    return closed;
  }

  async prune(policy: RetentionPolicy, now: number): Promise<number> {
    let deleted = (await this.pool.query("DELETE FROM matches WHERE started_at < $1 AND status != 'recording'", [now - policy.maxAgeDays * 86_400_000])).rowCount ?? 0;
    let total = Number((await this.pool.query<{ total: string }>("SELECT COALESCE(SUM(replay_bytes), 0) AS total FROM matches")).rows[0]!.total);
    if (total <= policy.maxTotalBytes) return deleted;
    const oldest = (await this.pool.query<{ id: string; replay_bytes: string }>("SELECT id, replay_bytes FROM matches WHERE status != 'recording' ORDER BY started_at ASC")).rows;
    for (const row of oldest) {
      if (total <= policy.maxTotalBytes) break;
      await this.pool.query("DELETE FROM matches WHERE id = $1", [row.id]);
      total -= Number(row.replay_bytes);
      deleted += 1;
    }
    return deleted;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function addPlayers(client: pg.PoolClient, summary: MatchSummary): Promise<void> {
  for (const name of new Set([...summary.red, ...summary.blue])) {
    await client.query("INSERT INTO match_players (match_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", [summary.id, name]);
  }
}
