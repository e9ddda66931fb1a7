// Integration test: a real match (SDK clients, a goal) is kept in the SQLite history — listed per room and per player,
// its replay re-simulates to every recorded hash and the final score — and both survive a server restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanReplay } from "../../shared/replay/replayRun.ts";
import { SqliteMatchStore } from "../../server/storage/sqliteStore.ts";
import { finishedMatchOf, historyOf, replayBytes, replayToEnd } from "../helpers/history.ts";
import { createMatch, joinMatch, leaveQuietly, startTestServer, waitFor, type TestServer } from "../helpers/server.ts";
import { playToOneGoal } from "../helpers/steer.ts";

const folder = mkdtempSync(join(tmpdir(), "rebound-history-"));
const dbPath = join(folder, "history.sqlite");
let server: TestServer;
let store: SqliteMatchStore;

beforeAll(async () => {
  store = new SqliteMatchStore(dbPath);
  server = await startTestServer({ matchStore: store });
});

afterAll(async () => {
  await server?.stop();
  await store?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("match history", () => {
  let roomId = "";
  let matchId = "";
  let served: Uint8Array = new Uint8Array();

  it("keeps a played match: teams, score, scorer, and a replay that reproduces every recorded hash and the goal", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann", scoreLimit: 1 });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    roomId = ann.room.roomId;
    try {
      await playToOneGoal(ann, bob);
    } finally {
      await leaveQuietly(ann, bob);
    }
    const match = await finishedMatchOf(server.endpoint, roomId);
    matchId = match.id;
    expect(match).toMatchObject({ status: "ended", scoreRed: 1, scoreBlue: 0, red: ["Ann"], blue: ["Bob"] });
    expect(match.scorers).toEqual([expect.objectContaining({ name: "Ann", team: "red" })]);
    expect(match.durationSeconds).toBeGreaterThan(2);
    expect((await historyOf(server.endpoint, "?player=Bob")).map((one) => one.id)).toEqual([matchId]);
    expect(await historyOf(server.endpoint, "?player=Nobody")).toEqual([]);

    served = await replayBytes(server.endpoint, matchId);
    expect(served.length).toBe(match.replayBytes);
    const { data, run } = replayToEnd(served);
    expect(data.header).toMatchObject({ matchId, roomId });
    expect(run.checkedTicks.size).toBeGreaterThanOrEqual(match.durationSeconds - 1);
    expect(run.mismatches).toEqual([]);
    expect([run.sim.scoreRed, run.sim.scoreBlue, run.sim.phase, run.sim.winner]).toEqual([1, 0, "ended", "red"]);
    expect(scanReplay(run).goals).toEqual([expect.objectContaining({ team: "red", scorerName: "Ann", scoreRed: 1, scoreBlue: 0 })]);
  });

  it("lists a private room's match only by its room code, and a password room's in no list (its replay link still opens it)", async () => {
    const hidden = await createMatch(server.endpoint, { name: "Hidden", isPrivate: true });
    const locked = await createMatch(server.endpoint, { name: "Locked", password: "open sesame" });
    try {
      for (const host of [hidden, locked]) {
        host.room.send("startMatch");
        await waitFor(() => host.room.state.replayId !== "", "the match's replay id");
        host.room.send("stopMatch");
      }
      await finishedMatchOf(server.endpoint, hidden.room.roomId);
      const listed = (await historyOf(server.endpoint)).map((match) => match.roomId);
      expect(listed).not.toContain(hidden.room.roomId);
      expect(listed).not.toContain(locked.room.roomId);
      expect(await historyOf(server.endpoint, `?room=${locked.room.roomId}`)).toEqual([]);
      expect((await historyOf(server.endpoint, `?player=Hidden`))).toEqual([]);
      const lockedReplay = replayToEnd(await replayBytes(server.endpoint, locked.room.state.replayId));
      expect(lockedReplay.data.header.roomId).toBe(locked.room.roomId);
    } finally {
      await leaveQuietly(hidden, locked);
    }
  });

  it("refuses bad history queries by name and answers 404 for a match it never had", async () => {
    for (const query of ["?limit=1000", "?limit=0", "?room=bad%20id", "?before=yesterday", "?player=", "?extra=1"]) {
      expect((await fetch(`${server.endpoint}/api/matches${query}`)).status, query).toBe(400);
    }
    expect((await fetch(`${server.endpoint}/api/matches/no!such`)).status).toBe(400);
    expect((await fetch(`${server.endpoint}/api/matches/abcdefghijkl`)).status).toBe(404);
    expect((await fetch(`${server.endpoint}/api/matches/abcdefghijkl/replay`)).status).toBe(404);
  });

  it("still lists the match and serves the same replay after the server restarts", async () => {
    expect(matchId).not.toBe("");
    await server.stop();
    await store.close();
    store = new SqliteMatchStore(dbPath);
    server = await startTestServer({ matchStore: store });
    const [match] = await historyOf(server.endpoint, `?room=${roomId}`);
    expect(match?.id).toBe(matchId);
    expect(await replayBytes(server.endpoint, matchId)).toEqual(served);
  });
});
