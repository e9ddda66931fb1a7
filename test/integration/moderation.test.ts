// Integration test: rename (taken, bad, announced once, capped), host chat mute, kick that keeps a device out, hidden observers.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, MATCH_LIMITS } from "../../shared/constants.ts";
import { MATCH_ROOM, type JoinCardInfo } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { createMatch, joinMatch, leaveQuietly, startTestServer, waitFor, type Joined, type TestServer } from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

const DEVICE_A = "device-aaaaaaaaaaaaaaaa";
const DEVICE_B = "device-bbbbbbbbbbbbbbbb";
const nameOf = (joined: Joined) => joined.room.state.players.get(joined.room.sessionId)?.name;
const systemLines = (joined: Joined, text: string) => joined.chat.filter((line) => line.system && line.text.includes(text));

describe("rename in the room", () => {
  it("renames, announces it once, and refuses a taken name or a bad one with a clear notice", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    try {
      bob.room.send("rename", { name: "  Robert " });
      await waitFor(() => nameOf(bob) === "Robert", "Bob renamed on his own page");
      await waitFor(() => ann.room.state.players.get(bob.room.sessionId)?.name === "Robert", "the rename on Ann's page");
      await waitFor(() => systemLines(ann, "Bob is now Robert").length === 1, "one announcement");

      // Taken (whatever the case), empty and too long: refused with a notice, the name stays, nobody is disconnected.
      for (const bad of ["ann", "   ", "x".repeat(LIMITS.nameLength + 1)]) {
        const before = bob.notices.length;
        bob.room.send("rename", { name: bad });
        await waitFor(() => bob.notices.length > before, `the notice for ${JSON.stringify(bad)}`);
      }
      expect(bob.notices.map((n) => n.text)).toEqual([
        "\"ann\" is already taken in this room",
        "That name cannot be used: 1–20 visible characters, please",
        "That name cannot be used: 1–20 visible characters, please",
      ]);
      expect(nameOf(bob)).toBe("Robert");
      expect(bob.leftWith).toBeNull();

      // Capped like team changes: past the allowance the sender is told to slow down and nothing is announced.
      const names = Array.from({ length: LIMITS.chatPerWindow }, (_, i) => `Rob${i}`);
      for (const name of names) bob.room.send("rename", { name });
      await waitFor(() => bob.notices.some((n) => n.text === "You are renaming too fast"), "the rename cap");
      expect(ann.chat.filter((line) => line.system && line.text.includes(" is now ")).length).toBe(LIMITS.chatPerWindow);
    } finally {
      await leaveQuietly(ann, bob);
    }
  });
});

describe("host moderation", () => {
  it("mutes a player's chat for everyone, and only the host can", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann", deviceId: DEVICE_A });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob", deviceId: DEVICE_B });
    try {
      bob.room.send("mutePlayer", { sessionId: ann.room.sessionId, muted: true });
      await waitFor(() => bob.notices.some((n) => n.text === "Only the host can do that"), "the refusal");
      ann.room.send("mutePlayer", { sessionId: bob.room.sessionId, muted: true });
      await waitFor(() => bob.room.state.players.get(bob.room.sessionId)?.chatMuted === true, "Bob muted");
      bob.room.send("chat", { text: "can anyone hear me" });
      await waitFor(() => bob.notices.some((n) => n.text === "The host has muted your chat"), "Bob told he is muted");
      // Ann's own line after Bob's arrives; Bob's never did.
      ann.room.send("chat", { text: "marker" });
      await waitFor(() => ann.chat.some((line) => line.text === "marker"), "Ann's marker line");
      expect(ann.chat.some((line) => line.text === "can anyone hear me")).toBe(false);

      // Leaving and coming back on the same device does not lift it.
      await bob.room.leave(true);
      const bobAgain = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob", deviceId: DEVICE_B });
      expect(bobAgain.room.state.players.get(bobAgain.room.sessionId)?.chatMuted).toBe(true);
      ann.room.send("mutePlayer", { sessionId: bobAgain.room.sessionId, muted: false });
      await waitFor(() => bobAgain.room.state.players.get(bobAgain.room.sessionId)?.chatMuted === false, "Bob unmuted");
      bobAgain.room.send("chat", { text: "back on air" });
      await waitFor(() => ann.chat.some((line) => line.text === "back on air" && line.fromId === bobAgain.room.sessionId), "Bob heard again");
      await leaveQuietly(bobAgain);
    } finally {
      await leaveQuietly(ann, bob);
    }
  });

  it("keeps a kicked device out of that room, but not its friends on the same network", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann", deviceId: DEVICE_A });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob", deviceId: DEVICE_B });
    try {
      ann.room.send("kickPlayer", { sessionId: bob.room.sessionId, reason: "spam" });
      await waitFor(() => bob.leftWith !== null, "Bob kicked");
      const refused = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob", deviceId: DEVICE_B })
        .then(() => "joined", (error: Error) => error.message);
      expect(refused).toMatch(/removed you/);
      // Another device from the same address (every client here is 127.0.0.1) still gets in.
      const carol = await joinMatch(server.endpoint, ann.room.roomId, { name: "Carol", deviceId: "device-cccccccccccccccc" });
      await leaveQuietly(carol);
    } finally {
      await leaveQuietly(ann, bob);
    }
  });
});

describe("hidden observers (the compare page)", () => {
  it("are never in the roster or the counts, cannot be moved onto a team, and are capped per room", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const observers = [];
    try {
      for (let i = 0; i < MATCH_LIMITS.maxObservers; i++) {
        observers.push(await new Client(server.endpoint).joinById(ann.room.roomId, { observe: true }, MatchState));
      }
      const observer = observers[0];
      observer.onMessage("*", () => undefined);
      await waitFor(() => observer.state.players?.size === 1, "the observer to receive the state");
      expect([...ann.room.state.players.keys()]).toEqual([ann.room.sessionId]);
      // The card and the listing count nobody but Ann.
      const card = (await (await fetch(`${server.endpoint}/api/rooms/${ann.room.roomId}/card`)).json()) as JoinCardInfo;
      expect(card.counts).toEqual({ red: 1, blue: 0, spectators: 0 });
      const [listing] = await (await import("colyseus")).matchMaker.query({ name: MATCH_ROOM, roomId: ann.room.roomId });
      expect(listing.metadata).toMatchObject({ players: 1, spectators: 0 });
      // The host cannot move it onto a team: it is nobody.
      ann.room.send("movePlayer", { sessionId: observer.sessionId, team: "blue" });
      await waitFor(() => ann.notices.some((n) => n.text === "No such player"), "the refusal");
      expect(ann.room.state.players.has(observer.sessionId)).toBe(false);
      // One more than the cap is refused.
      const extra = await new Client(server.endpoint).joinById(ann.room.roomId, { observe: true }, MatchState)
        .then(() => "joined", (error: Error) => error.message);
      expect(extra).toMatch(/observer seats are full/);
    } finally {
      await Promise.all(observers.map((room) => room.leave(true)));
      await leaveQuietly(ann);
    }
  });
});

describe("join card", () => {
  it("shows who is in a room, but only counts for a password room", async () => {
    const open = await createMatch(server.endpoint, { name: "Ann", roomName: "Open room" });
    const locked = await createMatch(server.endpoint, { name: "Zed", roomName: "Secret room", password: "pw" });
    try {
      const read = async (roomId: string) => (await (await fetch(`${server.endpoint}/api/rooms/${roomId}/card`)).json()) as JoinCardInfo;
      const openCard = await read(open.room.roomId);
      expect(openCard).toMatchObject({ roomName: "Open room", hasPassword: false, players: [{ name: "Ann", team: "red" }] });
      const secretCard = await read(locked.room.roomId);
      expect(secretCard).toMatchObject({ roomName: "Secret room", hasPassword: true, players: null, counts: { red: 1, blue: 0, spectators: 0 } });
      expect(JSON.stringify(secretCard)).not.toContain("Zed");
      expect((await fetch(`${server.endpoint}/api/rooms/nope/card`)).status).toBe(404);
    } finally {
      await leaveQuietly(open, locked);
    }
  });
});
