// Integration test: match history in a real PostgreSQL — two processes behind Redis each record a match into one
// database and both serve every replay (bit-identical, every hash reproduced), a restart keeps them, and a process
// killed mid-match leaves a replay that the next start closes as "interrupted" and that plays to its last checkpoint.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AXIS_MAX } from "../../shared/input.ts";
import { finishedMatchOf, historyOf, replayBytes, replayToEnd } from "../helpers/history.ts";
import { startPostgres, startRedis, startServerProcess, type PostgresProcess, type RedisProcess, type ServerProcess } from "../helpers/processes.ts";
import { roomOnEach, scaleOutEnv } from "../helpers/scaleOut.ts";
import { createMatch, freePort, inputChannel, joinMatch, leaveQuietly, sendInputs, sleep, waitFor, type Joined } from "../helpers/server.ts";
import { playToOneGoal } from "../helpers/steer.ts";
import { poll } from "../../harness/poll.ts";
import { TICK_HZ } from "../../shared/constants.ts";

/** Upkeep at start closes a recording with no checkpoint for this long (checkpoints come every 5 s). */
const STALE_SECONDS = 9;

let postgres: PostgresProcess;
let processes: ServerProcess[] = [];
let redis: RedisProcess | null = null;
let clients: Joined[] = [];

beforeAll(async () => {
  postgres = await startPostgres(await freePort());
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
}, 60_000);

afterEach(async () => {
  await Promise.race([leaveQuietly(...clients), sleep(3000)]);
  await Promise.all(processes.map((process) => process.stop(5000)));
  await redis?.stop();
  processes = [];
  clients = [];
  redis = null;
}, 60_000);

async function startProcess(port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const process = await startServerProcess(port, { DATABASE_URL: postgres.url, REBOUND_HISTORY_STALE_SECONDS: String(STALE_SECONDS), ...env });
  processes.push(process);
  return process;
}

/** The host's friend joins and the match is played to its one goal. */
async function playWithFriend(host: Joined, endpoint: string): Promise<void> {
  const friend = await joinMatch(endpoint, host.room.roomId, { name: `${host.room.state.players.get(host.room.sessionId)?.name}'s friend` });
  clients.push(friend);
  await playToOneGoal(host, friend);
}

describe("match history in PostgreSQL", () => {
  it("two processes behind Redis write to one database, both serve every replay, and a restart keeps them", async () => {
    redis = await startRedis(await freePort());
    const [portA, portB] = [await freePort(), await freePort()];
    const [a, b] = await Promise.all([startProcess(portA, scaleOutEnv(redis.url, portA)), startProcess(portB, scaleOutEnv(redis.url, portB))]);
    const [onA, onB] = await roomOnEach(a.endpoint, [portA, portB], clients, { scoreLimit: 1 });
    await Promise.all([playWithFriend(onA, a.endpoint), playWithFriend(onB, a.endpoint)]);

    const matches = [await finishedMatchOf(a.endpoint, onA.room.roomId), await finishedMatchOf(a.endpoint, onB.room.roomId)];
    for (const match of matches) {
      expect(match).toMatchObject({ status: "ended", scoreRed: 1, scoreBlue: 0 });
      const [fromA, fromB] = [await replayBytes(a.endpoint, match.id), await replayBytes(b.endpoint, match.id)];
      expect(fromB).toEqual(fromA);
      const { run } = replayToEnd(fromA);
      expect(run.mismatches).toEqual([]);
      expect(run.checkedTicks.size).toBeGreaterThanOrEqual(match.durationSeconds - 1);
      expect([run.sim.scoreRed, run.sim.scoreBlue, run.sim.phase]).toEqual([1, 0, "ended"]);
    }
    expect((await historyOf(b.endpoint)).map((match) => match.id).sort()).toEqual(matches.map((match) => match.id).sort());

    await a.stop(5000);
    processes = processes.filter((process) => process !== a);
    const again = await startProcess(portA, scaleOutEnv(redis.url, portA));
    for (const match of matches) expect((await replayBytes(again.endpoint, match.id)).length).toBe(match.replayBytes);
    console.log(`postgres: ${matches.map((match) => `${match.id} ${match.durationSeconds} s, ${match.replayBytes} B`).join("; ")}; served alike by :${portA} and :${portB}, and after :${portA} restarted`);
  }, 240_000);

  it("closes a match cut off by a killed process as interrupted; its replay plays to the last checkpoint", async () => {
    const port = await freePort();
    const server = await startProcess(port);
    const host = await createMatch(server.endpoint, { name: "Crash" });
    clients.push(host);
    const friend = await joinMatch(server.endpoint, host.room.roomId, { name: "Witness" });
    clients.push(friend);
    host.room.send("startMatch");
    await waitFor(() => host.room.state.phase === "playing", "play after the countdown", 30_000);
    // Play until the database holds a checkpoint beyond the first chunk (every 5 s of match).
    const running = sendInputs(inputChannel(host), Array.from({ length: 60 * 12 }, (_, i) => ({ moveX: i % 240 < 120 ? AXIS_MAX : -AXIS_MAX, moveY: 0, kick: false })))
      .catch(() => undefined); // the process is killed mid-send
    const recording = await poll(() => historyOf(server.endpoint, `?room=${host.room.roomId}`), (list) => list.some((match) => match.status === "recording" && match.durationSeconds >= 5), "a checkpoint in the database", 60_000);
    // The process is gone for good: its clients need not spend a minute retrying it.
    for (const joined of [host, friend]) joined.room.reconnection.maxRetries = 1;
    const killedAt = Date.now();
    await server.kill();
    await running;
    processes = processes.filter((process) => process !== server);
    // The next process's upkeep judges a recording stale only after STALE_SECONDS without a checkpoint.
    await sleep(Math.max(0, killedAt + (STALE_SECONDS + 1) * 1000 - Date.now()));
    const next = await startProcess(port);
    const [cut] = await poll(() => historyOf(next.endpoint, `?room=${host.room.roomId}`), (list) => list[0]?.status === "interrupted", "the cut-off match marked interrupted", 60_000);
    expect(cut!.id).toBe(recording[0]!.id);
    const { data, run } = replayToEnd(await replayBytes(next.endpoint, cut!.id));
    expect(run.mismatches).toEqual([]);
    expect(data.steps).toBeGreaterThanOrEqual(5 * TICK_HZ);
    expect(run.checkedTicks.size).toBeGreaterThanOrEqual(4);
    console.log(`killed mid-match: the replay kept ${(data.steps / TICK_HZ).toFixed(1)} s of a match that ran ${((killedAt - recording[0]!.startedAt) / 1000).toFixed(1)} s, ${run.checkedTicks.size} hashes reproduced`);
  }, 240_000);
});
