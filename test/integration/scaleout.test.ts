// Integration test: two server processes sharing one Redis — rooms spread over both, a client matchmaking through one lands in a room on the other and plays, and killing one ends only its own rooms and leaves listings that the next join sweeps.
import { Client } from "@colyseus/sdk";
import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AXIS_MAX } from "../../shared/input.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { startRedis, startServerProcess, type RedisProcess, type ServerProcess } from "../helpers/processes.ts";
import { hostPort, roomOnEach, scaleOutEnv } from "../helpers/scaleOut.ts";
import {
  freePort, inputChannel, joinMatch, leaveQuietly, sendInputs, settleInputs, sleep, waitFor, type Joined,
} from "../helpers/server.ts";

let redis: RedisProcess;
let a: ServerProcess;
let b: ServerProcess;
let clients: Joined[] = [];

function xOf(joined: Joined, sessionId = joined.room.sessionId): number {
  const player = joined.room.state.players.get(sessionId);
  if (!player) throw new Error(`no player ${sessionId}`);
  return player.x;
}

/** Room ids in the listing every process shares (the Redis driver's room cache), read straight from Redis. */
function listedRoomIds(): string[] {
  return execFileSync("redis-cli", ["-p", String(redis.port), "HKEYS", "roomcaches"], { encoding: "utf8" }).split("\n").filter((id) => id.length > 0);
}

// Each case gets its own Redis and two fresh processes: the second kills one, and neither depends on the other's rooms.
beforeEach(async () => {
  clients = [];
  redis = await startRedis(await freePort());
  const [portA, portB] = [await freePort(), await freePort()];
  [a, b] = await Promise.all([
    startServerProcess(portA, scaleOutEnv(redis.url, portA)),
    startServerProcess(portB, scaleOutEnv(redis.url, portB)),
  ]);
}, 150_000);

afterEach(async () => {
  await Promise.race([leaveQuietly(...clients), sleep(3000)]);
  await Promise.all([a?.stop(5000), b?.stop(5000)]);
  await redis?.stop();
}, 60_000);

describe("two processes sharing Redis", () => {
  it("spread new rooms over both processes, and a client matchmaking through A plays in a room on B", async () => {
    const [onA, onB] = await roomOnEach(a.endpoint, [a.port, b.port], clients);

    // The guest asks process A for a seat in the room that lives on B; the seat reservation carries
    // B's publicAddress, so the SDK opens its WebSocket straight to B.
    const guest = await joinMatch(a.endpoint, onB.room.roomId, { name: "Guest" });
    clients.push(guest);
    expect(guest.room.roomId).toBe(onB.room.roomId);
    expect(hostPort(guest)).toBe(b.port);
    await waitFor(() => onB.room.state.players.has(guest.room.sessionId) && guest.room.state.players?.has(guest.room.sessionId) === true,
      "B's host and the guest to see the guest");

    // And plays: its inputs (sent to B) move it, as both it and B's host see.
    const start = xOf(guest);
    const handle = inputChannel(guest);
    await sendInputs(handle, Array.from({ length: 40 }, () => ({ moveX: AXIS_MAX, moveY: 0, kick: false })));
    await settleInputs(guest, handle);
    expect(xOf(guest)).toBeGreaterThan(start + 50);
    await waitFor(() => xOf(onB, guest.room.sessionId) === xOf(guest), "B's host to see where the guest went");
    console.log(`rooms: ${onA.room.roomId} on :${a.port}, ${onB.room.roomId} on :${b.port}; guest matchmade through :${a.port}, `
      + `playing over ${guest.room.connection.url?.split("?")[0]}, moved x ${start} → ${xOf(guest)}`);
  }, 60_000);

  it("lose only B's rooms when B is killed; A's rooms play on, and quick play through A sweeps B's stale listing", async () => {
    const [onA, onB] = await roomOnEach(a.endpoint, [a.port, b.port], clients);
    onB.room.reconnection.maxRetries = 2; // B is gone for good: do not spend a minute retrying it
    const tickBefore = onA.room.state.tick;

    const exit = await b.kill();
    expect(exit.signal).toBe("SIGKILL");

    await waitFor(() => onB.leftWith !== null, "B's client to be told its room is gone", 15_000);
    // 1006 if the room was younger than the SDK's minUptime (it then does not retry), else 4003 after failed retries.
    expect([1006, 4003]).toContain(onB.leftWith);

    // A's room never noticed: its clock keeps ticking and its player still moves.
    await waitFor(() => onA.room.state.tick > tickBefore + 40, "A's room to keep ticking");
    expect(onA.leftWith).toBeNull();
    const start = xOf(onA);
    const handle = inputChannel(onA);
    await sendInputs(handle, Array.from({ length: 30 }, () => ({ moveX: -AXIS_MAX, moveY: 0, kick: false })));
    await settleInputs(onA, handle);
    expect(xOf(onA)).toBeLessThan(start - 30);

    // B's room is still in the shared listing (nobody has tried it yet), with space, while A's only room is locked:
    // so quick play through A can only find B's stale room, must sweep it, and makes a new room on A.
    expect(listedRoomIds()).toContain(onB.room.roomId);
    onA.room.send("lockRoom", { locked: true });
    await waitFor(() => onA.room.state.settings.locked, "A's room locked");
    const late = await new Client(a.endpoint).joinOrCreate<MatchState>(MATCH_ROOM, { name: "Late" }, MatchState);
    const lateJoined: Joined = { room: late, chat: [], notices: [], leftWith: null, instantReplays: [] };
    clients.push(lateJoined);
    expect(hostPort(lateJoined)).toBe(a.port);
    expect([onA.room.roomId, onB.room.roomId]).not.toContain(late.roomId);
    expect(listedRoomIds()).not.toContain(onB.room.roomId);
    const ticked = late.state.tick;
    await waitFor(() => late.state.tick > ticked + 10, "the late joiner's room to tick");
    console.log(`after SIGKILL of :${b.port}: its client left with ${onB.leftWith}; room on :${a.port} ticked ${tickBefore} → ${onA.room.state.tick}; `
      + `quick play through :${a.port} swept ${onB.room.roomId} and made ${late.roomId}; listed now: ${listedRoomIds().join(", ")}`);
  }, 60_000);
});
