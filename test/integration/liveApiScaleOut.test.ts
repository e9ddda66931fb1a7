// Integration test: two server processes sharing Redis — the live-score endpoint of one answers for a match hosted by the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import { livePath, parseLiveSnapshot } from "../../shared/liveSnapshot.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { startRedis, startServerProcess, type RedisProcess, type ServerProcess } from "../helpers/processes.ts";
import { freePort } from "../helpers/server.ts";

let PORT_A = 0;
let PORT_B = 0;

let redis: RedisProcess;
let serverA: ServerProcess;
let serverB: ServerProcess;

beforeAll(async () => {
  redis = await startRedis(await freePort());
  [PORT_A, PORT_B] = [await freePort(), await freePort()];
  [serverA, serverB] = await Promise.all([
    startServerProcess(PORT_A, { REDIS_URL: redis.url, PUBLIC_ADDRESS: `localhost:${PORT_A}` }),
    startServerProcess(PORT_B, { REDIS_URL: redis.url, PUBLIC_ADDRESS: `localhost:${PORT_B}` }),
  ]);
});

afterAll(async () => {
  await Promise.all([serverA?.stop(), serverB?.stop()]);
  await redis?.stop();
});

describe("GET /api/rooms/<id>/live across processes", () => {
  it("answers from the process that does not host the match, with the host's data", async () => {
    const room: Room<unknown, MatchState> = await new Client(serverA.endpoint).create(MATCH_ROOM, { name: "Ada" }, MatchState);
    room.onMessage("*", () => undefined);
    try {
      const deadline = Date.now() + 10_000;
      while (room.state.players.size === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

      // The matchmaker may place the room on either process: the socket goes to the one hosting it.
      const hostPort = new URL(room.connection.url ?? "").port;
      expect([String(PORT_A), String(PORT_B)]).toContain(hostPort);
      const host = hostPort === String(PORT_A) ? serverA : serverB;
      const other = host === serverA ? serverB : serverA;

      // The other process does not host the room: it finds it in the shared cache and asks the host over Redis IPC.
      const fromOther = await fetch(`${other.endpoint}${livePath(room.roomId)}`);
      expect(fromOther.status).toBe(200);
      const remote = parseLiveSnapshot(await fromOther.json());
      const local = parseLiveSnapshot(await (await fetch(`${host.endpoint}${livePath(room.roomId)}`)).json());
      if (!remote || !local) throw new Error(`malformed live snapshot: remote ${JSON.stringify(remote)}, local ${JSON.stringify(local)}`);
      expect(remote.roomId).toBe(room.roomId);
      expect(remote.scoreRed).toBe(room.state.scoreRed);
      expect(remote.scoreBlue).toBe(room.state.scoreBlue);
      // The remote answer comes from the running room itself (its tick is live), on the same room clock as
      // the host's own answer, a moment apart.
      expect(remote.tick).toBeGreaterThan(0);
      expect(Math.abs(remote.tick - local.tick)).toBeLessThan(180);
      expect(remote.serverTime).toBeGreaterThan(0);
      expect(Math.abs(remote.serverTime - local.serverTime)).toBeLessThan(3000);

      // A room nobody hosts is a 404 from either process.
      expect((await fetch(`${other.endpoint}${livePath("nosuchroom")}`)).status).toBe(404);
    } finally {
      await room.leave(true);
    }
  });
});
