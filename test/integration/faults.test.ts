// Integration test: faults on a server process — SIGTERM tells every client "Server restarting…", closes them with CLOSE.serverRestart and exits 0; a network cut under load ends with the SDK reconnecting the cut clients into their own seats.
import { afterAll, describe, expect, it } from "vitest";
import { sendIntent } from "../../game/net/inputChannel.ts";
import { CLOSE } from "../../shared/constants.ts";
import { AXIS_MAX } from "../../shared/input.ts";
import type { Player } from "../../shared/state.ts";
import { startServerProcess, type ServerProcess } from "../helpers/processes.ts";
import { createMatch, freePort, inputChannel, joinMatch, leaveQuietly, sleep, waitFor, type Joined } from "../helpers/server.ts";
import { logText } from "../helpers/serverLog.ts";
import { startTcpProxy, type TcpProxy } from "../../harness/tcpProxy.ts";

/** The SDK reconnects by itself only once a room has been joined this long (its reconnection.minUptime). */
const SDK_MIN_UPTIME_MS = 5000;

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.race([cleanup(), sleep(5000)]);
});

describe("SIGTERM", () => {
  it("tells every client the server is restarting, closes them with CLOSE.serverRestart, disposes the rooms and exits 0", async () => {
    const server = await startServerProcess(await freePort());
    cleanups.push(() => server.kill());
    const hostA = await createMatch(server.endpoint, { name: "Ann" });
    const guestA = await joinMatch(server.endpoint, hostA.room.roomId, { name: "Bob" });
    const hostB = await createMatch(server.endpoint, { name: "Cid" });
    const watcherB = await joinMatch(server.endpoint, hostB.room.roomId, { name: "Dee", spectate: true });
    const everyone = [hostA, guestA, hostB, watcherB];
    let drops = 0;
    for (const joined of everyone) joined.room.onDrop(() => { drops += 1; });

    const startedAt = Date.now();
    const exit = await server.stop(10_000);
    await waitFor(() => everyone.every((j) => j.leftWith !== null), "every client to be closed");
    console.log(`SIGTERM → exit ${JSON.stringify(exit)} in ${Date.now() - startedAt} ms; clients closed with ${everyone.map((j) => j.leftWith).join(", ")}`);

    expect(exit).toEqual({ code: 0, signal: null });
    for (const joined of everyone) {
      expect(joined.notices).toContainEqual({ level: "error", reason: { code: "serverRestarting" }, text: "Server restarting…" });
      expect(joined.leftWith).toBe(CLOSE.serverRestart);
    }
    expect(drops).toBe(0); // a restart is final for these sessions: no reconnection attempts at a dying process
    expect(logText(server.output())).not.toMatch(/error|exception/i);
  });
});

describe("a network cut under load", () => {
  it("holds the cut players' seats while the network is down, then the SDK reconnects them into the same seats", async () => {
    const server: ServerProcess = await startServerProcess(await freePort());
    const proxy: TcpProxy = await startTcpProxy(server.port);
    const direct: Joined[] = [];
    const victims: Joined[] = [];
    cleanups.push(() => server.kill(), () => proxy.close(), () => leaveQuietly(...direct, ...victims));

    // Three 4v4 rooms: six clients each straight to the server, two through the proxy we will cut.
    for (let r = 0; r < 3; r++) {
      const host = await createMatch(server.endpoint, { name: `R${r}P0` });
      direct.push(host);
      for (let p = 1; p < 6; p++) direct.push(await joinMatch(server.endpoint, host.room.roomId, { name: `R${r}P${p}` }));
      for (let v = 0; v < 2; v++) victims.push(await joinMatch(proxy.endpoint, host.room.roomId, { name: `R${r}V${v}` }));
    }
    const observerOf = (victim: Joined): Joined => direct.find((d) => d.room.roomId === victim.room.roomId)!;
    const victimPlayer = (victim: Joined): Player | undefined => observerOf(victim).room.state.players.get(victim.room.sessionId);

    // Load: every direct client sends an input every frame, wobbling around its kickoff spot.
    const handles = direct.map((joined) => inputChannel(joined));
    let frame = 0;
    const load = setInterval(() => {
      frame += 1;
      for (const [i, handle] of handles.entries()) {
        sendIntent(handle, { moveX: ((frame + i * 7) % 40 < 20 ? 1 : -1) * 60, moveY: ((frame + i * 11) % 40 < 20 ? 1 : -1) * 60, kick: false });
      }
    }, 1000 / 60);
    cleanups.push(async () => clearInterval(load));

    const drops = new Set<string>();
    const reconnects = new Set<string>();
    const sessionIds = victims.map((v) => v.room.sessionId);
    for (const victim of victims) {
      victim.room.onDrop(() => drops.add(victim.room.sessionId));
      victim.room.onReconnect(() => reconnects.add(victim.room.sessionId));
    }
    await sleep(SDK_MIN_UPTIME_MS + 500);
    await server.resetMetrics();

    // The network goes down for 1.5 s: every proxied connection is reset, new ones are refused.
    proxy.block(true);
    const cutConnections = proxy.cut();
    const cutAt = Date.now();
    await waitFor(() => victims.every((v) => victimPlayer(v)?.connected === false), "the others to see the cut players as reconnecting");
    await sleep(Math.max(0, 1500 - (Date.now() - cutAt)));
    expect(reconnects.size).toBe(0);
    proxy.block(false);

    await waitFor(() => reconnects.size === victims.length, "every cut player to reconnect", 15_000);
    const backAfterMs = Date.now() - cutAt;
    await waitFor(() => victims.every((v) => victimPlayer(v)?.connected === true), "the others to see them back");
    expect(drops.size).toBe(victims.length);
    expect(victims.map((v) => v.room.sessionId)).toEqual(sessionIds);
    expect(victims.every((v) => v.leftWith === null)).toBe(true);

    // Back in the same seat and playing: their inputs move them again (up, away from the others).
    const startY = victims.map((v) => victimPlayer(v)!.y);
    const victimHandles = victims.map((v) => inputChannel(v));
    for (let i = 0; i < 30; i++) {
      for (const handle of victimHandles) sendIntent(handle, { moveX: 0, moveY: -AXIS_MAX, kick: false });
      await sleep(16);
    }
    await waitFor(() => victims.every((v, i) => victimPlayer(v)!.y < startY[i] - 30), "the reconnected players' inputs to move them");

    clearInterval(load);
    const metrics = await server.metrics();
    console.log(`network cut: ${cutConnections} connections reset with ${direct.length} clients sending inputs at 60 Hz; `
      + `${victims.length} players dropped and reconnected ${backAfterMs} ms after the cut (network down 1.5 s); `
      + `step p99 ${metrics.stepP99Ms.toFixed(2)} ms, late steps ${metrics.lateSteps} overran, ${metrics.lateStarts} started late, of ${metrics.totalSteps} (a benchmark figure, not asserted)`);
    expect(metrics.totalSteps).toBeGreaterThan(0);
  }, 60_000);
});
