// Integration test: two server processes sharing one Redis — rooms spread over both, a client matchmaking through one lands in a room on the other and plays, and killing one ends only its own rooms.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AXIS_MAX } from "../../shared/input.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { startRedis, startServerProcess, type RedisProcess, type ServerProcess } from "../helpers/processes.ts";
import {
  createMatch, freePort, inputChannel, joinMatch, leaveQuietly, sendInputs, settleInputs, sleep, waitFor, type Joined,
} from "../helpers/server.ts";

const A_PORT = 25796;
const B_PORT = 25797;

let redis: RedisProcess;
let a: ServerProcess;
let b: ServerProcess;
const clients: Joined[] = [];

/** Each process advertises the address its own clients must connect to (see README: publicAddress). */
const scaleOutEnv = (redisUrl: string, port: number): Record<string, string> => ({ REDIS_URL: redisUrl, PUBLIC_ADDRESS: `localhost:${port}` });

/** The port of the process a joined client's WebSocket actually went to (from the seat reservation's publicAddress). */
function hostPort(joined: Joined): number {
  const url = joined.room.connection.url;
  if (!url) throw new Error("room has no connection url");
  return Number(new URL(url).port);
}

function xOf(joined: Joined, sessionId = joined.room.sessionId): number {
  const player = joined.room.state.players.get(sessionId);
  if (!player) throw new Error(`no player ${sessionId}`);
  return player.x;
}

beforeAll(async () => {
  redis = await startRedis(await freePort());
  [a, b] = await Promise.all([
    startServerProcess(A_PORT, scaleOutEnv(redis.url, A_PORT)),
    startServerProcess(B_PORT, scaleOutEnv(redis.url, B_PORT)),
  ]);
}, 40_000);

afterAll(async () => {
  await Promise.race([leaveQuietly(...clients), sleep(3000)]);
  await Promise.all([a?.stop(5000), b?.stop(5000)]);
  await redis?.stop();
});

describe("two processes sharing Redis", () => {
  let onA: Joined;
  let onB: Joined;
  let guest: Joined;

  it("spread new rooms over both processes, and a client matchmaking through A plays in a room on B", async () => {
    // Every room is created through A's HTTP endpoint; the matchmaker puts each on the process with the
    // fewest rooms, by counts each process publishes to Redis at most once a second (hence the pause).
    const hosts = new Map<number, Joined>();
    for (let attempt = 1; attempt <= 4 && hosts.size < 2; attempt++) {
      if (attempt > 1) await sleep(1100);
      const host = await createMatch(a.endpoint, { name: `Host${attempt}` });
      clients.push(host);
      if (!hosts.has(hostPort(host))) hosts.set(hostPort(host), host);
    }
    expect([...hosts.keys()].sort()).toEqual([A_PORT, B_PORT]);
    onA = hosts.get(A_PORT)!;
    onB = hosts.get(B_PORT)!;

    // The guest asks process A for a seat in the room that lives on B; the seat reservation carries
    // B's publicAddress, so the SDK opens its WebSocket straight to B.
    guest = await joinMatch(a.endpoint, onB.room.roomId, { name: "Guest" });
    clients.push(guest);
    expect(guest.room.roomId).toBe(onB.room.roomId);
    expect(hostPort(guest)).toBe(B_PORT);
    await waitFor(() => onB.room.state.players.has(guest.room.sessionId) && guest.room.state.players?.has(guest.room.sessionId) === true,
      "B's host and the guest to see the guest");

    // And plays: its inputs (sent to B) move it, as both it and B's host see.
    const start = xOf(guest);
    const handle = inputChannel(guest);
    await sendInputs(handle, Array.from({ length: 40 }, () => ({ moveX: AXIS_MAX, moveY: 0, kick: false })));
    await settleInputs(guest, handle);
    expect(xOf(guest)).toBeGreaterThan(start + 50);
    await waitFor(() => xOf(onB, guest.room.sessionId) === xOf(guest), "B's host to see where the guest went");
    console.log(`rooms: ${onA.room.roomId} on :${A_PORT}, ${onB.room.roomId} on :${B_PORT}; guest matchmade through :${A_PORT}, `
      + `playing over ${guest.room.connection.url?.split("?")[0]}, moved x ${start} → ${xOf(guest)}`);
  });

  it("lose only B's rooms when B is killed; A's rooms play on and A still matchmakes", async () => {
    const dropped = new Set<string>();
    for (const joined of [onB, guest]) {
      joined.room.reconnection.maxRetries = 2; // B is gone for good: do not spend a minute retrying it
      joined.room.onDrop(() => dropped.add(joined.room.sessionId));
    }
    const tickBefore = onA.room.state.tick;

    const exit = await b.kill();
    expect(exit.signal).toBe("SIGKILL");

    await waitFor(() => onB.leftWith !== null && guest.leftWith !== null, "B's clients to be told their room is gone", 15_000);
    // 1006 if the room was younger than the SDK's minUptime (it then does not retry), else 4003 after failed retries.
    for (const joined of [onB, guest]) expect([1006, 4003]).toContain(joined.leftWith);

    // A's room never noticed: its clock keeps ticking and its player still moves.
    await sleep(1000);
    expect(onA.leftWith).toBeNull();
    expect(onA.room.state.tick).toBeGreaterThan(tickBefore + 40);
    const start = xOf(onA);
    const handle = inputChannel(onA);
    await sendInputs(handle, Array.from({ length: 30 }, () => ({ moveX: -AXIS_MAX, moveY: 0, kick: false })));
    await settleInputs(onA, handle);
    expect(xOf(onA)).toBeLessThan(start - 30);

    // Quick play through A still works: B's stale listings fail A's health check and are swept.
    const startedAt = Date.now();
    const late = await new Client(a.endpoint).joinOrCreate<MatchState>(MATCH_ROOM, { name: "Late" }, MatchState);
    const lateJoined: Joined = { room: late, chat: [], notices: [], leftWith: null };
    clients.push(lateJoined);
    expect(hostPort(lateJoined)).toBe(A_PORT);
    const ticked = late.state.tick;
    await waitFor(() => late.state.tick > ticked + 10, "the late joiner's room to tick");
    console.log(`after SIGKILL of :${B_PORT}: its clients left with ${onB.leftWith}/${guest.leftWith} `
      + `(dropped first: ${dropped.size}); room on :${A_PORT} ticked ${tickBefore} → ${onA.room.state.tick}; `
      + `quick play through :${A_PORT} took ${Date.now() - startedAt} ms`);
  }, 45_000);
});
