// The match history in SQLite through Node's built-in node:sqlite: a file under ./data by default, nothing to install.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { HistoryQuery, MatchStatus, MatchStore, MatchSummary, RetentionPolicy } from "./matchStore.ts";
import { migrationsFor } from "./migrations.ts";
import { summaryFromRow, type MatchRow } from "./matchRow.ts";

export class SqliteMatchStore implements MatchStore {
  readonly kind = "sqlite";
  private readonly db: DatabaseSync;

  /** `path` ":memory:" keeps the history in this process only (tests, benches). */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    // WAL: the game's writes never wait for a reader of /history, and a crash loses at most the last checkpoint.
    this.db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
    this.migrate();
  }

  private migrate(): void {
    this.db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    const applied = new Set(this.db.prepare("SELECT version FROM schema_migrations").all().map((row) => Number(row.version)));
    for (const migration of migrationsFor("sqlite")) {
      if (applied.has(migration.version)) continue;
      this.transaction(() => {
        this.db.exec(migration.sql);
        this.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(migration.version, migration.name, Date.now());
      });
    }
  }

  private transaction(work: () => void): void {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      work();
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  async begin(summary: MatchSummary, firstChunk: Uint8Array): Promise<void> {
    this.transaction(() => {
      this.db.prepare(`INSERT INTO matches (id, room_id, room_name, started_at, ended_at, updated_at, status, score_red, score_blue,
        duration_seconds, red_json, blue_json, scorers_json, replay_bytes, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(summary.id, summary.roomId, summary.roomName, summary.startedAt, summary.endedAt, Date.now(), summary.status,
          summary.scoreRed, summary.scoreBlue, summary.durationSeconds, JSON.stringify(summary.red), JSON.stringify(summary.blue),
          JSON.stringify(summary.scorers), firstChunk.length, summary.visibility);
      this.insertChunk(summary.id, 0, firstChunk);
      this.addPlayers(summary);
    });
  }

  async append(summary: MatchSummary, seq: number, chunk: Uint8Array): Promise<void> {
    this.transaction(() => {
      if (!this.isRecording(summary.id)) return;
      this.insertChunk(summary.id, seq, chunk);
      this.update(summary, chunk.length);
    });
  }

  async finish(summary: MatchSummary, seq: number, chunk: Uint8Array): Promise<void> {
    return this.append(summary, seq, chunk);
  }

  private isRecording(id: string): boolean {
    const row = this.db.prepare("SELECT status FROM matches WHERE id = ?").get(id);
    return row?.status === "recording";
  }

  private insertChunk(id: string, seq: number, chunk: Uint8Array): void {
    this.db.prepare("INSERT INTO replay_chunks (match_id, seq, bytes) VALUES (?, ?, ?)").run(id, seq, chunk);
  }

  private update(summary: MatchSummary, addedBytes: number): void {
    this.db.prepare(`UPDATE matches SET room_name = ?, ended_at = ?, updated_at = ?, status = ?, score_red = ?, score_blue = ?,
      duration_seconds = ?, red_json = ?, blue_json = ?, scorers_json = ?, replay_bytes = replay_bytes + ? WHERE id = ?`)
      .run(summary.roomName, summary.endedAt, Date.now(), summary.status, summary.scoreRed, summary.scoreBlue, summary.durationSeconds,
        JSON.stringify(summary.red), JSON.stringify(summary.blue), JSON.stringify(summary.scorers), addedBytes, summary.id);
    this.addPlayers(summary);
  }

  private addPlayers(summary: MatchSummary): void {
    const insert = this.db.prepare("INSERT OR IGNORE INTO match_players (match_id, name) VALUES (?, ?)");
    for (const name of [...summary.red, ...summary.blue]) insert.run(summary.id, name);
  }

  async list(query: HistoryQuery): Promise<MatchSummary[]> {
    const where: string[] = [];
    const values: SQLInputValue[] = [];
    // A room code finds public and private rooms' matches; without one only public ones are listed; password rooms never.
    if (query.roomId !== undefined) { where.push("room_id = ? AND visibility != 'password'"); values.push(query.roomId); }
    else where.push("visibility = 'public'");
    if (query.player !== undefined) { where.push("id IN (SELECT match_id FROM match_players WHERE name = ?)"); values.push(query.player); }
    if (query.before !== undefined) { where.push("started_at < ?"); values.push(query.before); }
    const sql = `SELECT * FROM matches ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY started_at DESC LIMIT ?`;
    return this.db.prepare(sql).all(...values, query.limit).map((row) => summaryFromRow(row as unknown as MatchRow));
  }

  async get(id: string): Promise<MatchSummary | null> {
    const row = this.db.prepare("SELECT * FROM matches WHERE id = ?").get(id);
    return row ? summaryFromRow(row as unknown as MatchRow) : null;
  }

  async chunks(id: string): Promise<Uint8Array[] | null> {
    if (!this.db.prepare("SELECT 1 FROM matches WHERE id = ?").get(id)) return null;
    return this.db.prepare("SELECT bytes FROM replay_chunks WHERE match_id = ? ORDER BY seq").all(id).map((row) => row.bytes as Uint8Array);
  }

  async closeStale(staleMs: number, now: number, endMark: Uint8Array): Promise<number> {
    const stale = this.db.prepare("SELECT id FROM matches WHERE status = 'recording' AND updated_at < ?").all(now - staleMs);
    const interrupted: MatchStatus = "interrupted";
    for (const { id } of stale) {
      this.transaction(() => {
        const seq = Number(this.db.prepare("SELECT COALESCE(MAX(seq), -1) + 1 AS next FROM replay_chunks WHERE match_id = ?").get(id)?.next);
        this.insertChunk(String(id), seq, endMark);
        this.db.prepare("UPDATE matches SET status = ?, ended_at = updated_at, replay_bytes = replay_bytes + ? WHERE id = ?").run(interrupted, endMark.length, String(id));
      });
    }
    return stale.length;
  }

  async prune(policy: RetentionPolicy, now: number): Promise<number> {
    let deleted = Number(this.db.prepare("DELETE FROM matches WHERE started_at < ? AND status != 'recording'").run(now - policy.maxAgeDays * 86_400_000).changes);
    let total = Number(this.db.prepare("SELECT COALESCE(SUM(replay_bytes), 0) AS total FROM matches").get()?.total);
    const oldest = this.db.prepare("SELECT id, replay_bytes FROM matches WHERE status != 'recording' ORDER BY started_at ASC").all();
    const remove = this.db.prepare("DELETE FROM matches WHERE id = ?");
    for (const row of oldest) {
      if (total <= policy.maxTotalBytes) break;
      remove.run(String(row.id));
      total -= Number(row.replay_bytes);
      deleted += 1;
    }
    return deleted;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
