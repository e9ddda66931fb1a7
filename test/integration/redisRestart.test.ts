// Integration test: Redis restarting (empty) under a running server — rooms play on through the outage, matchmaking fails while Redis is down and works again as soon as it is back, and a live room is listed again on its next change.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AXIS_MAX } from "../../shared/input.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { startRedis, startServerProcess, type RedisProcess, type ServerProcess } from "../helpers/processes.ts";
import {
  createMatch, freePort, inputChannel, joinMatch, leaveQuietly, sendInputs, settleInputs, sleep, waitFor, type Joined,
} from "../helpers/server.ts";


let redisPort: number;
let redis: RedisProcess;
let server: ServerProcess;
const clients: Joined[] = [];

/** One quick play (joinOrCreate) through the server: ok, or the error's message. */
async function quickPlay(): Promise<{ ok: true; joined: Joined } | { ok: false; error: string }> {
  try {
    const room = await Promise.race([
      new Client(server.endpoint).joinOrCreate<MatchState>(MATCH_ROOM, { name: "Quick", spectate: true }, MatchState),
      sleep(15_000).then(() => { throw new Error("no answer in 15 s"); }),
    ]);
    const joined: Joined = { room, chat: [], notices: [], leftWith: null, instantReplays: [] };
    room.onMessage("*", () => undefined);
    clients.push(joined);
    return { ok: true, joined };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

beforeAll(async () => {
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  const port = await freePort();
  server = await startServerProcess(port, { REDIS_URL: redis.url, PUBLIC_ADDRESS: `localhost:${port}` });
});

afterAll(async () => {
  await Promise.race([leaveQuietly(...clients), sleep(3000)]);
  await server?.kill();
  await redis?.stop();
});

describe("Redis restarts under a running server", () => {
  it("keeps rooms playing, and matchmaking comes back with Redis", async () => {
    const player = await createMatch(server.endpoint, { name: "Stays" });
    clients.push(player);
    // The join resolves before the first full state: wait for our own player to be decoded.
    await waitFor(() => player.room.state.players.has(player.room.sessionId), "our player in the state");

    await redis.stop();
    const downAt = Date.now();

    // The room lives in this process, not in Redis: it ticks on and the player's inputs move it.
    const tick = player.room.state.tick;
    const x = player.room.state.players.get(player.room.sessionId)!.x;
    const handle = inputChannel(player);
    await sendInputs(handle, Array.from({ length: 30 }, () => ({ moveX: -AXIS_MAX, moveY: 0, kick: false })));
    await settleInputs(player, handle);
    expect(player.room.state.players.get(player.room.sessionId)!.x).toBeLessThan(x - 30);
    expect(player.room.state.tick).toBeGreaterThan(tick + 30);

    // Matchmaking needs Redis: quick play fails while it is down.
    const whileDown = await quickPlay();
    expect(whileDown.ok).toBe(false);

    redis = await startRedis(redisPort);
    const upAt = Date.now();

    // ...and works again once it is back (this hung forever before server/redisDriver.ts).
    let attempts = 0;
    let recovered: Awaited<ReturnType<typeof quickPlay>> = { ok: false, error: "not tried" };
    // A generous bound for a loaded machine; the figure printed below is what it took.
    while (!recovered.ok && Date.now() - upAt < 45_000) {
      attempts += 1;
      recovered = await quickPlay();
      if (!recovered.ok) await sleep(500);
    }
    expect(recovered.ok).toBe(true);
    const recoveredAfterMs = Date.now() - upAt;

    // The restarted Redis is empty: the old room is unlisted until its listing changes, then joinable again.
    player.room.send("setTeam", { team: "blue" });
    await waitFor(() => player.room.state.players.get(player.room.sessionId)?.team === "blue", "the team change");
    // The listing reaches Redis on its own time after the change: retry the join until it is there.
    let rejoin: Joined | null = null;
    const relistDeadline = Date.now() + 30_000;
    while (!rejoin) {
      try {
        rejoin = await joinMatch(server.endpoint, player.room.roomId, { name: "Back", spectate: true });
      } catch (error) {
        if (Date.now() > relistDeadline) throw error;
        await sleep(250);
      }
    }
    clients.push(rejoin);
    expect(rejoin.room.roomId).toBe(player.room.roomId);

    expect(server.child.exitCode).toBeNull();
    expect(player.leftWith).toBeNull();
    console.log(`Redis down ${upAt - downAt} ms: room ticked on, quick play failed (${whileDown.ok ? "" : whileDown.error.slice(0, 60)}); `
      + `after restart quick play worked again in ${recoveredAfterMs} ms (${attempts} attempt(s)); old room re-listed on its next change`);
  }, 150_000);
});
