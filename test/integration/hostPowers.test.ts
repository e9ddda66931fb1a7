// Integration test: the host's powers between and during matches (stop, rematch, bots, settings), who inherits the host role, and quick play skipping private rooms.
import { Client } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { dropSocket, serverRoom } from "../helpers/serverRooms.ts";
import { createMatch, joinMatch, leaveQuietly, sleep, startTestServer, waitFor, type Joined, type TestServer } from "../helpers/server.ts";

let server: TestServer;
// Long enough that a dropped player is certainly still held while the host leaves, even on a loaded machine.
beforeAll(async () => { server = await startTestServer({ reconnectGraceSeconds: 30 }); });
afterAll(async () => { await server.stop(); });

const bots = (joined: Joined): string[] =>
  [...joined.room.state.players.entries()].filter(([, p]) => p.isBot).map(([id]) => id);

describe("the host between and during matches", () => {
  it("stops a running match, refuses settings while it runs, rematches after full time, changes settings between matches and removes bots", async () => {
    const host = await createMatch(server.endpoint, { name: "Ref", scoreLimit: 1, timeLimitSeconds: 0 });
    try {
      const state = host.room.state;
      host.room.send("setTeam", { team: "spectator" });
      // Two red bots against an empty blue side score the one goal of full time quickly.
      host.room.send("addBot", { team: "red" });
      host.room.send("addBot", { team: "red" });
      await waitFor(() => bots(host).length === 2 && state.players.get(host.room.sessionId)?.team === "spectator", "two bots, the host on the bench");

      // Stop: a running match goes back to warm-up, and everyone is told.
      host.room.send("startMatch", {});
      await waitFor(() => state.phase === "countdown" || state.phase === "playing", "the match to start");
      host.room.send("updateSettings", { scoreLimit: 5 });
      await waitFor(() => host.notices.some((n) => /between matches/i.test(n.text)), "settings refused while the match runs");
      expect(state.settings.scoreLimit).toBe(1);
      host.room.send("stopMatch", {});
      await waitFor(() => state.phase === "waiting", "the match stopped");
      expect(host.chat.some((line) => line.system && /stopped the match/.test(line.text))).toBe(true);

      // Full time (the bots score the one goal), then settings change between matches.
      host.room.send("startMatch", {});
      await waitFor(() => state.phase === "ended", "full time", 90_000);
      expect([state.winner, state.scoreRed, state.scoreBlue]).toEqual(["red", 1, 0]);
      host.room.send("updateSettings", { scoreLimit: 3, playersPerTeam: 2, roomName: "After the break" });
      await waitFor(() => state.settings.scoreLimit === 3, "the new score limit");
      expect(state.settings.playersPerTeam).toBe(2);
      expect(state.settings.roomName).toBe("After the break");
      expect(serverRoom(host.room.roomId).metadata).toMatchObject({ roomName: "After the break" });

      // Rematch: a fresh match from 0:0 with the new settings.
      host.room.send("startMatch", {});
      await waitFor(() => state.phase === "countdown", "the rematch countdown");
      expect([state.scoreRed, state.scoreBlue, state.winner]).toEqual([0, 0, ""]);
      await waitFor(() => host.chat.some((line) => line.system && line.text === "Rematch!"), "the rematch announced");

      // Bots go: the newest without an id, a named one with it; a person's id removes nobody.
      const [olderBot, newestBot] = bots(host);
      host.room.send("removeBot", { sessionId: host.room.sessionId });
      host.room.send("removeBot", {});
      await waitFor(() => !state.players.has(newestBot), "the newest bot removed");
      expect(state.players.has(olderBot)).toBe(true);
      expect(state.players.has(host.room.sessionId)).toBe(true);
      host.room.send("removeBot", { sessionId: olderBot });
      await waitFor(() => bots(host).length === 0, "the last bot removed");
      expect(state.players.size).toBe(1);
    } finally {
      await leaveQuietly(host);
    }
  }, 120_000);
});

describe("who inherits the host role", () => {
  it("goes by join order, not by the order players sit in the state's map", async () => {
    const first = await createMatch(server.endpoint, { name: "First" });
    const second = await joinMatch(server.endpoint, first.room.roomId, { name: "Second" });
    const third = await joinMatch(server.endpoint, first.room.roomId, { name: "Third" });
    try {
      await waitFor(() => third.room.state.players.size === 3, "three in the room");
      // Move Second to the end of the server's map (as if re-inserted): it now reads First, Third, Second.
      const players = serverRoom(first.room.roomId).state.players;
      const moved = players.get(second.room.sessionId)!;
      players.delete(second.room.sessionId);
      players.set(second.room.sessionId, moved);
      expect([...players.keys()]).toEqual([first.room.sessionId, third.room.sessionId, second.room.sessionId]);
      await first.room.leave(true);
      await waitFor(() => third.room.state.hostId !== first.room.sessionId && third.room.state.hostId !== "", "a new host");
      expect(third.room.state.hostId).toBe(second.room.sessionId);
    } finally {
      await leaveQuietly(second, third);
    }
  });

  it("skips bots and a player whose connection dropped", async () => {
    const first = await createMatch(server.endpoint, { name: "First" });
    const dropped = await joinMatch(server.endpoint, first.room.roomId, { name: "Dropped" });
    try {
      first.room.send("addBot", { team: "red" });
      await waitFor(() => bots(first).length === 1, "a bot that joined before the last player");
      const last = await joinMatch(server.endpoint, first.room.roomId, { name: "Last" });
      try {
        dropped.room.reconnection.enabled = false;
        dropSocket(first.room.roomId, dropped.room.sessionId);
        await waitFor(() => last.room.state.players.get(dropped.room.sessionId)?.connected === false, "Dropped held, reconnecting");
        await first.room.leave(true);
        await waitFor(() => last.room.state.hostId !== first.room.sessionId && last.room.state.hostId !== "", "a new host");
        expect(last.room.state.hostId).toBe(last.room.sessionId);
        // Dropped was still holding its seat: it was passed over, not gone.
        expect(last.room.state.players.get(dropped.room.sessionId)?.connected).toBe(false);
        expect(last.chat.some((line) => line.system && line.text.includes("Last is now the host"))).toBe(true);
      } finally {
        await leaveQuietly(last);
      }
    } finally {
      await leaveQuietly(first);
    }
  });
});

describe("quick play", () => {
  it("joins public rooms with space and never a private one", async () => {
    const privateHost = await createMatch(server.endpoint, { name: "Hidden", isPrivate: true, playersPerTeam: 6 });
    const quick: Joined[] = [];
    try {
      // setPrivate() lands in the matchmaker's cache asynchronously: quick play must meet the room already private.
      for (let tries = 0; !(await matchMaker.query({ roomId: privateHost.room.roomId }))[0]?.private; tries++) {
        if (tries > 200) throw new Error("the private room never became private in the matchmaker");
        await sleep(50);
      }
      for (let i = 0; i < 3; i++) {
        const room = await new Client(server.endpoint).joinOrCreate<MatchState>(MATCH_ROOM, { name: `Quick${i}` }, MatchState);
        quick.push({ room, chat: [], notices: [], leftWith: null, instantReplays: [] });
      }
      const rooms = quick.map((j) => j.room.roomId);
      expect(rooms).not.toContain(privateHost.room.roomId);
      // The later quick players joined a room with space instead of each making their own.
      expect(new Set(rooms).size).toBeLessThan(rooms.length);
      expect(serverRoom(privateHost.room.roomId).clients.length).toBe(1);
    } finally {
      await leaveQuietly(privateHost, ...quick);
    }
  });
});
