// Integration test: GET /api/rooms/<id>/live against a real match — same score as the WebSocket state, and staler than it when polled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import type { Server } from "colyseus";
import { openInputChannel, sendIntent } from "../../game/net/inputChannel.ts";
import { LivePoller } from "../../game/net/livePoller.ts";
import { SpectatorFeed } from "../../game/net/spectator.ts";
import { createGameServer } from "../../server/app.ts";
import { livePath, parseLiveSnapshot, type LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { MATCH_ROOM, type CreateOptions } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { freePort } from "../helpers/server.ts";

let ENDPOINT = "";

let server: Server;
const rooms: Room<unknown, MatchState>[] = [];

beforeAll(async () => {
  // A port from the OS; this process listens itself, so a busy port fails loudly instead of testing a stranger.
  const port = await freePort();
  ENDPOINT = `http://localhost:${port}`;
  server = createGameServer({ clientDir: null, gracefullyShutdown: false });
  await server.listen(port);
});

afterAll(async () => {
  await Promise.all(rooms.map((room) => room.leave(true).catch(() => undefined)));
  await server.gracefullyShutdown(false);
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function host(options: CreateOptions): Promise<Room<unknown, MatchState>> {
  const room = await new Client(ENDPOINT).create(MATCH_ROOM, options, MatchState);
  room.onMessage("*", () => undefined);
  rooms.push(room);
  return room;
}

async function getLive(roomId: string): Promise<{ status: number; snapshot: LiveSnapshot | null; headers: Headers }> {
  const response = await fetch(`${ENDPOINT}${livePath(roomId)}`);
  const body: unknown = await response.json();
  return { status: response.status, snapshot: parseLiveSnapshot(body), headers: response.headers };
}

describe("GET /api/rooms/<id>/live", () => {
  it("answers 404 for a room that does not exist and 400 for a malformed id", async () => {
    expect((await getLive("nosuchroom")).status).toBe(404);
    expect((await fetch(`${ENDPOINT}/api/rooms/${encodeURIComponent("bad id!")}/live`)).status).toBe(400);
  });

  it("reports the same score as the WebSocket state, before and after a real goal", async () => {
    const ann = await host({ name: "Ann", scoreLimit: 5 });
    await waitFor(() => ann.state.players.get(ann.sessionId)?.team === "red", "Ann on red");

    const before = await getLive(ann.roomId);
    expect(before.status).toBe(200);
    expect(before.headers.get("cache-control")).toBe("no-store");
    expect(before.snapshot).toMatchObject({ roomId: ann.roomId, scoreRed: 0, scoreBlue: 0, phase: "waiting" });

    // Start the match and, once the countdown ends, run straight at the ball (same y as the
    // centre spot) holding kick: red attacks the right-hand goal.
    ann.send("startMatch", {});
    await waitFor(() => ann.state.phase === "playing", "kickoff", 10_000);
    const input = openInputChannel(ann);
    const pusher = setInterval(() => sendIntent(input, { moveX: 127, moveY: 0, kick: true }), 16);
    try {
      await waitFor(() => ann.state.scoreRed === 1, "Ann's goal", 15_000);
    } finally {
      clearInterval(pusher);
    }

    // The WebSocket state says 1:0; the polled JSON must say the same, and be about the same moment.
    const after = await getLive(ann.roomId);
    expect(after.status).toBe(200);
    const snapshot = after.snapshot;
    if (!snapshot) throw new Error("no snapshot");
    expect({ red: snapshot.scoreRed, blue: snapshot.scoreBlue }).toEqual({ red: ann.state.scoreRed, blue: ann.state.scoreBlue });
    expect({ red: snapshot.scoreRed, blue: snapshot.scoreBlue }).toEqual({ red: 1, blue: 0 });
    expect(snapshot.roomId).toBe(ann.roomId);
    expect(snapshot.tick).toBeGreaterThanOrEqual(ann.state.tick);
    expect(snapshot.elapsedTicks).toBeGreaterThan(0);
    // Same time base as the SDK clock: the JSON's serverTime is within a few patches of the last TIMED stamp.
    expect(Math.abs(snapshot.serverTime - ann.clock.lastServerTime())).toBeLessThan(1000);
  });

  it("measures polling data as staler than the WebSocket's, on the same clock", async () => {
    const bea = await host({ name: "Bea" });
    await waitFor(() => bea.state.players.size === 1, "Bea's player");
    // The same client code the compare page runs: a spectator feed and a 250 ms poller.
    const feed = await SpectatorFeed.join(ENDPOINT, bea.roomId);
    const poller = new LivePoller(ENDPOINT, bea.roomId);
    try {
      expect(feed.protocol).toBe("ws://");
      await waitFor(() => feed.updates > 2, "the first WebSocket patches");
      poller.setPeriod(250);
      await waitFor(() => poller.latest !== null, "the first polling answer");

      const wsAges: number[] = [];
      const pollAges: number[] = [];
      const tickLags: number[] = [];
      const until = Date.now() + 3000;
      while (Date.now() < until) {
        const latest = poller.latest;
        if (latest) {
          wsAges.push(feed.staleness());
          pollAges.push(Math.max(0, feed.serverNow() - latest.serverTime));
          tickLags.push(feed.state.tick - latest.tick);
        }
        await sleep(7);
      }
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const wsMean = mean(wsAges);
      const pollMean = mean(pollAges);
      const tickLag = mean(tickLags);
      console.log(`staleness over 3 s: WebSocket mean ${wsMean.toFixed(1)} ms, polling (250 ms) mean ${pollMean.toFixed(1)} ms, ` +
        `polling ${tickLag.toFixed(1)} ticks behind; ` +
        `updates ${feed.updates} vs ${poller.updates}; bytes received ${feed.traffic.totals.down.bytes} vs ${poller.bytesReceived}; requests 0 vs ${poller.requests}`);
      // A 250 ms poll is on average about half its period staler than a 30 Hz push. Asserted in server ticks (both feeds
      // carry the tick the server stamped), not milliseconds: a loaded runner's clock estimate cannot blur it. At least a
      // quarter of the period: 250 ms / 4 at 60 ticks/s.
      expect(tickLag).toBeGreaterThan((250 / 4) / (1000 / 60));
      expect(feed.updates).toBeGreaterThan(poller.updates * 3);
      expect(poller.requests).toBeGreaterThanOrEqual(10);
      // The feed is a hidden observer: nobody in the room sees it, counts it or gets it on the pitch.
      expect([...bea.state.players.values()].map((player) => player.name)).not.toContain("Compare page");
      expect(bea.state.players.has(feed.sessionId)).toBe(false);
    } finally {
      poller.stop();
      await feed.leave();
    }
  });
});
