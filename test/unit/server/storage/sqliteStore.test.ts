// Unit test: the SQLite match store — migrations once, who is listed where (public, private by room code, password rooms
// never), checkpoints after the end ignored, crash-cut recordings closed so they read, retention by age and by size.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TICK_HZ } from "../../../../shared/constants.ts";
import { createMatchSim } from "../../../../shared/match/sim.ts";
import { endMark, joinChunks, readReplay, ReplayWriter } from "../../../../shared/replay/replayFile.ts";
import type { MatchSummary, MatchVisibility } from "../../../../server/storage/matchStore.ts";
import { SqliteMatchStore } from "../../../../server/storage/sqliteStore.ts";

const folder = mkdtempSync(join(tmpdir(), "rebound-store-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const DAY = 86_400_000;

function summary(id: string, overrides: Partial<MatchSummary> = {}): MatchSummary {
  return {
    id, roomId: "room1", roomName: "Room one", startedAt: Date.now(), endedAt: null, status: "recording", visibility: "public",
    scoreRed: 0, scoreBlue: 0, durationSeconds: 0, red: ["Ann"], blue: ["Bob"], scorers: [], replayBytes: 0, ...overrides,
  };
}

/** A real replay's first chunk (header and start state) and one step after it. */
function chunks(id: string): { first: Uint8Array; step: Uint8Array } {
  const writer = new ReplayWriter({ matchId: id, roomId: "room1", roomName: "Room one", startedAt: 0, tickHz: TICK_HZ }, createMatchSim());
  const first = writer.takeChunk();
  writer.step(1 / TICK_HZ, {});
  return { first, step: writer.takeChunk() };
}

async function recorded(store: SqliteMatchStore, id: string, overrides: Partial<MatchSummary> = {}): Promise<void> {
  const { first, step } = chunks(id);
  await store.begin(summary(id, overrides), first);
  await store.append(summary(id, overrides), 1, step);
}

describe("the SQLite match store", () => {
  it("applies its migrations once: a second open of the same file finds the schema in place", async () => {
    const path = join(folder, "twice.sqlite");
    const first = new SqliteMatchStore(path);
    await recorded(first, "kept-match-1");
    await first.close();
    const second = new SqliteMatchStore(path);
    expect((await second.get("kept-match-1"))?.red).toEqual(["Ann"]);
    await second.close();
  });

  it("lists public matches everywhere, private ones by room code only, password rooms' in no list", async () => {
    const store = new SqliteMatchStore(":memory:");
    const rooms: [string, MatchVisibility][] = [["open-room-1", "public"], ["hidden-room", "private"], ["locked-room", "password"]];
    for (const [roomId, visibility] of rooms) await recorded(store, `m-${roomId}`, { roomId, visibility });
    expect((await store.list({ limit: 10 })).map((match) => match.id)).toEqual(["m-open-room-1"]);
    expect((await store.list({ limit: 10, player: "Ann" })).map((match) => match.id)).toEqual(["m-open-room-1"]);
    expect((await store.list({ limit: 10, roomId: "hidden-room" })).map((match) => match.id)).toEqual(["m-hidden-room"]);
    expect(await store.list({ limit: 10, roomId: "locked-room" })).toEqual([]);
    // The replay link still opens a password room's match.
    expect((await store.get("m-locked-room"))?.visibility).toBe("password");
    expect(await store.chunks("m-locked-room")).toHaveLength(2);
    await store.close();
  });

  it("ignores a checkpoint that arrives after the match was closed, and closes a crash-cut recording so it reads", async () => {
    const store = new SqliteMatchStore(":memory:");
    const { first, step } = chunks("cut-match-1");
    await store.begin(summary("cut-match-1"), first);
    await store.append(summary("cut-match-1"), 1, step);
    expect(await store.closeStale(60_000, Date.now(), endMark())).toBe(0);
    expect(await store.closeStale(60_000, Date.now() + 61_000, endMark())).toBe(1);
    const closed = await store.get("cut-match-1");
    expect(closed?.status).toBe("interrupted");
    await store.append(summary("cut-match-1"), 2, step);
    const file = joinChunks((await store.chunks("cut-match-1"))!);
    expect(readReplay(file).steps).toBe(1);
    expect(closed?.replayBytes).toBe(file.length);
    await store.close();
  });

  it("deletes matches older than the age limit, then the oldest until the size limit holds; never a live recording", async () => {
    const store = new SqliteMatchStore(":memory:");
    const now = Date.now();
    await recorded(store, "ancient-match", { status: "ended", startedAt: now - 100 * DAY });
    for (let i = 0; i < 5; i++) await recorded(store, `recent-match-${i}`, { status: "ended", startedAt: now - (5 - i) * DAY });
    await recorded(store, "live-match-01", { startedAt: now - 200 * DAY });
    const each = (await store.get("recent-match-0"))!.replayBytes;
    const removed = await store.prune({ maxAgeDays: 90, maxTotalBytes: each * 3 + (await store.get("live-match-01"))!.replayBytes }, now);
    expect(removed).toBe(3);
    const left = (await store.list({ limit: 20 })).map((match) => match.id).sort();
    expect(left).toEqual(["live-match-01", "recent-match-2", "recent-match-3", "recent-match-4"]);
    await store.close();
  });
});
