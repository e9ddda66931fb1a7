// Integration test: the room experience through a real server — listing, privacy, passwords, host powers, spectators, reconnection, bots.
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, MATCH_LIMITS } from "../../shared/constants.ts";
import { LOBBY_ROOM, type RoomListingMetadata } from "../../shared/protocol.ts";
import { dropSocket, serverRoom } from "../helpers/serverRooms.ts";
import { createMatch, joinMatch, leaveQuietly, patches, sleep, startTestServer, waitFor, type Joined, type TestServer } from "../helpers/server.ts";

const GRACE_SECONDS = 2;

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ reconnectGraceSeconds: GRACE_SECONDS }); });
afterAll(async () => { await server.stop(); });

/** The server-clock stamp of the first patch after which `condition` holds. */
function patchTimeWhen(joined: Joined, condition: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!condition()) return;
      joined.room.onStateChange.remove(check);
      resolve(joined.room.clock.lastServerTime());
    };
    joined.room.onStateChange(check);
  });
}

interface Listed { roomId: string; metadata?: RoomListingMetadata }

/** Joins the lobby and returns the listing it pushes first. */
async function listing(): Promise<{ rooms: Listed[]; lobby: Room }> {
  const lobby = await new Client(server.endpoint).joinOrCreate(LOBBY_ROOM);
  const rooms = await new Promise<Listed[]>((resolve) => lobby.onMessage("rooms", (list: Listed[]) => resolve(list)));
  return { rooms, lobby };
}

describe("finding and joining rooms", () => {
  it("lists public rooms live and never lists a private one", async () => {
    const open = await createMatch(server.endpoint, { name: "Pub" });
    const hidden = await new Client(server.endpoint).create(
      "match", { name: "Priv", isPrivate: true, roomName: "secret den" },
    );
    try {
      const { rooms, lobby } = await listing();
      const ids = rooms.map((room) => room.roomId);
      expect(ids).toContain(open.room.roomId);
      expect(ids).not.toContain(hidden.roomId);
      const publicEntry = rooms.find((room) => room.roomId === open.room.roomId)!;
      expect(publicEntry.metadata?.players).toBe(1);
      // A change is pushed, not polled: a second player shows up in the lobby's "+" update.
      const updated = new Promise<RoomListingMetadata>((resolve) => {
        lobby.onMessage("+", ([roomId, room]: [string, Listed]) => {
          if (roomId === open.room.roomId && room.metadata?.players === 2) resolve(room.metadata);
        });
      });
      const second = await joinMatch(server.endpoint, open.room.roomId, { name: "Two" });
      expect((await updated).players).toBe(2);
      await leaveQuietly(second);
      await lobby.leave(true);
    } finally {
      await leaveQuietly(open);
      await hidden.leave(true);
    }
  });

  it("checks the password on the server: a wrong one is refused with a clear message and takes no seat", async () => {
    const host = await createMatch(server.endpoint, { name: "Keeper", password: "open sesame" });
    try {
      await expect(joinMatch(server.endpoint, host.room.roomId, { name: "Guesser", password: "nope" })).rejects.toThrow(/wrong password/);
      await expect(joinMatch(server.endpoint, host.room.roomId, { name: "Guesser" })).rejects.toThrow(/wrong password/);
      await patches(host.room, 2);
      expect(host.room.state.players.size).toBe(1);
      expect(serverRoom(host.room.roomId).clients.length).toBe(1);
      const friend = await joinMatch(server.endpoint, host.room.roomId, { name: "Friend", password: "open sesame" });
      await waitFor(() => friend.room.state.players.size === 2, "the friend seated with the right password");
      await leaveQuietly(friend);
    } finally {
      await leaveQuietly(host);
    }
  });

  it("caps spectators separately and never counts them as players", async () => {
    const host = await createMatch(server.endpoint, { name: "Host", playersPerTeam: 1 });
    const watchers: Joined[] = [];
    try {
      for (let i = 0; i < MATCH_LIMITS.maxSpectators; i++) {
        watchers.push(await joinMatch(server.endpoint, host.room.roomId, { name: `W${i}`, spectate: true }));
      }
      await expect(joinMatch(server.endpoint, host.room.roomId, { name: "One too many", spectate: true })).rejects.toThrow(/spectator seats are full/);
      // A player slot is still free for a player even with the spectator seats full.
      const player = await joinMatch(server.endpoint, host.room.roomId, { name: "Player" });
      watchers.push(player);
      await waitFor(() => host.room.state.players.size === MATCH_LIMITS.maxSpectators + 2, "everyone in the state");
      let spectators = 0;
      host.room.state.players.forEach((p) => { if (p.team === "spectator") spectators++; });
      expect(spectators).toBe(MATCH_LIMITS.maxSpectators);
      const metadata = serverRoom(host.room.roomId).metadata as RoomListingMetadata;
      expect(metadata.players).toBe(2);
      expect(metadata.spectators).toBe(MATCH_LIMITS.maxSpectators);
    } finally {
      await leaveQuietly(host, ...watchers);
    }
  });
});

describe("the host", () => {
  it("alone can start, stop, move, kick, lock, add bots and change settings", async () => {
    const host = await createMatch(server.endpoint, { name: "Boss" });
    const guest = await joinMatch(server.endpoint, host.room.roomId, { name: "Guest" });
    try {
      const guestId = guest.room.sessionId;
      guest.room.send("startMatch", {});
      guest.room.send("addBot", { team: "red" });
      guest.room.send("movePlayer", { sessionId: host.room.sessionId, team: "spectator" });
      guest.room.send("kickPlayer", { sessionId: host.room.sessionId, reason: "mutiny" });
      guest.room.send("lockRoom", { locked: true });
      guest.room.send("updateSettings", { scoreLimit: 9 });
      await waitFor(() => guest.notices.length >= 6, "six refusals");
      expect(guest.notices.every((n) => n.level === "error" && /only the host/i.test(n.text))).toBe(true);
      await patches(host.room, 2);
      expect(host.room.state.phase).toBe("waiting");
      expect(host.room.state.players.size).toBe(2);
      expect(host.room.state.players.get(host.room.sessionId)!.team).toBe("red");
      expect(host.room.state.settings.locked).toBe(false);
      expect(host.room.state.settings.scoreLimit).not.toBe(9);

      // The same actions from the host take effect.
      host.room.send("movePlayer", { sessionId: guestId, team: "red" });
      await waitFor(() => host.room.state.players.get(guestId)?.team === "red", "the guest moved to red");
      host.room.send("addBot", { team: "blue" });
      await waitFor(() => [...host.room.state.players.values()].some((p) => p.isBot && p.team === "blue"), "a blue bot");
      host.room.send("lockRoom", { locked: true });
      await waitFor(() => host.room.state.settings.locked, "the room locked");
      await expect(joinMatch(server.endpoint, host.room.roomId, { name: "Late" })).rejects.toThrow(/locked/i);
      host.room.send("lockRoom", { locked: false });
      await waitFor(() => !host.room.state.settings.locked, "the room unlocked");
      host.room.send("kickPlayer", { sessionId: guestId, reason: "practice over" });
      await waitFor(() => guest.leftWith !== null, "the guest to be kicked");
      expect(guest.leftWith).toBeGreaterThanOrEqual(4100);
      await waitFor(() => !host.room.state.players.has(guestId), "the guest's slot to free at once");
      expect(host.chat.some((line) => line.system && line.text.includes("practice over"))).toBe(true);
    } finally {
      await leaveQuietly(host, guest);
    }
  });

  it("passes the host role to the longest-present player when the host leaves", async () => {
    const first = await createMatch(server.endpoint, { name: "First" });
    const second = await joinMatch(server.endpoint, first.room.roomId, { name: "Second" });
    const third = await joinMatch(server.endpoint, first.room.roomId, { name: "Third", spectate: true });
    try {
      await waitFor(() => third.room.state.players.size === 3, "three in the room");
      expect(third.room.state.hostId).toBe(first.room.sessionId);
      await first.room.leave(true);
      await waitFor(() => third.room.state.hostId === second.room.sessionId, "the host role to pass to Second");
      expect(third.chat.some((line) => line.system && line.text.includes("Second is now the host"))).toBe(true);
    } finally {
      await leaveQuietly(second, third);
    }
  });
});

describe("reconnection", () => {
  it("brings a dropped player back into the same slot with the same score within the grace period", async () => {
    const host = await createMatch(server.endpoint, { name: "Host" });
    const friend = await joinMatch(server.endpoint, host.room.roomId, { name: "Friend" });
    try {
      friend.room.reconnection.minUptime = 0;
      const friendId = friend.room.sessionId;
      const room = serverRoom(host.room.roomId);
      room.state.scoreBlue = 2;
      room.state.players.get(friendId)!.goals = 2;
      await patches(friend.room, 2);
      const reconnected = new Promise<void>((resolve) => friend.room.onReconnect(() => resolve()));
      dropSocket(host.room.roomId, friendId);
      await waitFor(() => host.room.state.players.get(friendId)?.connected === false, "the host to see the friend reconnecting");
      await reconnected;
      await waitFor(() => host.room.state.players.get(friendId)?.connected === true, "the friend back");
      expect(friend.room.sessionId).toBe(friendId);
      const back = friend.room.state.players.get(friendId)!;
      expect(back.team).toBe("blue");
      expect(back.goals).toBe(2);
      expect(friend.room.state.scoreBlue).toBe(2);
      expect(friend.leftWith).toBeNull();
    } finally {
      await leaveQuietly(host, friend);
    }
  });

  it("frees the slot once the grace period is over", async () => {
    const host = await createMatch(server.endpoint, { name: "Host" });
    const friend = await joinMatch(server.endpoint, host.room.roomId, { name: "Gone" });
    try {
      friend.room.reconnection.enabled = false;
      const friendId = friend.room.sessionId;
      await waitFor(() => host.room.state.players.get(friendId)?.connected === true, "the friend seated");
      // Timed on the server's own clock (the stamps of the patches that carried each change), not this process's:
      // a busy test runner cannot shrink it.
      const held = patchTimeWhen(host, () => host.room.state.players.get(friendId)?.connected === false);
      const freed = patchTimeWhen(host, () => !host.room.state.players.has(friendId));
      dropSocket(host.room.roomId, friendId);
      await waitFor(() => host.room.state.players.get(friendId)?.connected === false, "the slot held");
      await waitFor(() => !host.room.state.players.has(friendId), "the slot to free", (GRACE_SECONDS + 30) * 1000);
      const heldForMs = (await freed) - (await held);
      // The first patch that showed the slot held may itself have been sent up to a patch interval after the drop.
      expect(heldForMs).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
    } finally {
      await leaveQuietly(host);
    }
  });
});

describe("practice bots", () => {
  it("play a whole match to the score limit through the same input path as people", async () => {
    const host = await createMatch(server.endpoint, { name: "Coach", scoreLimit: 2, timeLimitSeconds: 0 });
    try {
      host.room.send("setTeam", { team: "spectator" });
      await waitFor(() => host.room.state.players.get(host.room.sessionId)?.team === "spectator", "the host on the bench");
      host.room.send("addBot", { team: "red" });
      host.room.send("addBot", { team: "red" });
      host.room.send("addBot", { team: "blue" });
      await waitFor(() => host.room.state.players.size === 4, "three bots");
      host.room.send("startMatch", {});
      await waitFor(() => host.room.state.phase === "ended", "the bots to finish the match", 60_000);
      const { scoreRed, scoreBlue, winner } = host.room.state;
      expect(Math.max(scoreRed, scoreBlue)).toBe(2);
      expect(winner).toBe(scoreRed > scoreBlue ? "red" : "blue");
      let botGoals = 0;
      host.room.state.players.forEach((p) => { if (p.isBot) botGoals += p.goals; });
      expect(botGoals).toBeGreaterThan(0);
    } finally {
      await leaveQuietly(host);
    }
  }, 75_000);
});

describe("chat limits", () => {
  it("accepts a line at the length cap and disconnects a sender past it, nobody else", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    try {
      ann.room.send("chat", { text: "x".repeat(LIMITS.chatLength) });
      await waitFor(() => bob.chat.some((line) => !line.system && line.text.length === LIMITS.chatLength), "the longest allowed line");
      bob.room.send("chat", { text: "y".repeat(LIMITS.chatLength + 1) });
      await waitFor(() => bob.leftWith !== null, "the oversize sender disconnected");
      await sleep(200);
      expect(ann.leftWith).toBeNull();
      const tick = ann.room.state.tick;
      await patches(ann.room, 3);
      expect(ann.room.state.tick).toBeGreaterThan(tick);
    } finally {
      await leaveQuietly(ann, bob);
    }
  });
});
