// Integration test: names, room names, chat and kick reasons from clients — broken Unicode, bidi overrides, control and invisible characters are refused with a clear error, a late joiner decodes exactly the server's state afterwards, and names are unique in a room.
import { matchMaker } from "colyseus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../shared/constants.ts";
import type { MatchState } from "../../shared/state.ts";
import type { MatchRoom } from "../../server/rooms/MatchRoom.ts";
import { ANNOUNCE_INTERVAL_MS } from "../../server/rooms/announcements.ts";
import { createMatch, joinMatch, leaveQuietly, sleep, startTestServer, waitFor, type Joined, type TestServer } from "../helpers/server.ts";
import { loggedDuring } from "../helpers/serverLog.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

/** Everything a client decodes about the match, as plain data (view-only velocities left out). */
function visible(state: MatchState): unknown {
  const players: Record<string, unknown> = {};
  state.players.forEach((p, id) => {
    players[id] = { name: p.name, team: p.team, x: p.x, y: p.y, goals: p.goals, connected: p.connected, isBot: p.isBot, kicking: p.kicking };
  });
  const s = state.settings;
  return {
    phase: state.phase, scoreRed: state.scoreRed, scoreBlue: state.scoreBlue, hostId: state.hostId, lastScorerName: state.lastScorerName,
    settings: { roomName: s.roomName, playersPerTeam: s.playersPerTeam, scoreLimit: s.scoreLimit, timeLimitSeconds: s.timeLimitSeconds, locked: s.locked, hasPassword: s.hasPassword },
    ball: { x: state.ball.x, y: state.ball.y },
    players,
  };
}

async function refusal(attempt: Promise<Joined>): Promise<string> {
  const outcome = await attempt.then((joined) => { void leaveQuietly(joined); return "joined"; }, (error: Error) => error.message);
  return outcome;
}

describe("text from clients", () => {
  const BAD_NAMES: [string, string, RegExp][] = [
    ["a lone surrogate", "x\uD800", /name: contains a broken character/],
    ["a right-to-left override", "Bob\u202Eevil", /name: contains a text-direction override/],
    ["NUL", "Sam\u0000", /name: contains a control character/],
    ["a newline", "Sam\n[system] you are kicked", /name: contains a control character/],
    ["zero-width spaces only", "\u200B\u200B\u200B", /name: needs at least one visible character/],
    ["too many characters", "x".repeat(LIMITS.nameLength + 1), /name: must be at most 20 characters/],
  ];

  it("refuses bad names at join and at create, and bad room names at create, each with the reason", async () => {
    const host = await createMatch(server.endpoint, { name: "Ann", roomName: "Cup final" });
    try {
      for (const [what, name, reason] of BAD_NAMES) {
        expect(await refusal(joinMatch(server.endpoint, host.room.roomId, { name })), `join with ${what}`).toMatch(reason);
        expect(await refusal(createMatch(server.endpoint, { name })), `create with ${what}`).toMatch(reason);
      }
      expect(await refusal(createMatch(server.endpoint, { name: "Eve", roomName: "Cup final\uD800" }))).toMatch(/roomName: contains a broken character/);
      expect(await refusal(createMatch(server.endpoint, { name: "Eve", roomName: "\u2067Cup final" }))).toMatch(/roomName: contains a text-direction override/);
      expect(await refusal(joinMatch(server.endpoint, host.room.roomId, { name: "Eve", password: "p\uDFFF" }))).toMatch(/password: contains a broken character/);
      // Nobody got in.
      expect([...host.room.state.players.values()].map((p) => p.name)).toEqual(["Ann"]);
    } finally {
      await leaveQuietly(host);
    }
  });

  it("disconnects a host who sends a broken room name, chat line or kick reason, and a late joiner decodes exactly the server's state", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann", roomName: "Cup final" });
    const mallory = await joinMatch(server.endpoint, ann.room.roomId, { name: "Mallory" });
    const others: Joined[] = [];
    try {
      // Mallory sends each bad string on a fresh connection; every one costs her only her own connection.
      const attempts: [string, (j: Joined) => void][] = [
        ["chat with an override", (j) => j.room.send("chat", { text: "\u202Edlrow olleh" })],
        ["chat of zero-width spaces", (j) => j.room.send("chat", { text: "\u200B" })],
        ["chat with NUL", (j) => j.room.send("chat", { text: "a\u0000b" })],
      ];
      let attacker = mallory;
      for (const [what, send] of attempts) {
        send(attacker);
        await waitFor(() => attacker.leftWith !== null, `the server to close the sender of ${what}`);
        expect(attacker.leftWith, what).toBe(4002);
        attacker = await joinMatch(server.endpoint, ann.room.roomId, { name: "Mallory" });
        others.push(attacker);
      }
      // Ann is host: a broken room name or kick reason from her is refused the same way.
      const eve = await createMatch(server.endpoint, { name: "Eve", roomName: "Eve's room" });
      others.push(eve);
      eve.room.send("updateSettings", { roomName: "Cup final\u202E" });
      await waitFor(() => eve.leftWith !== null, "the server to close the host who sent an overriding room name");
      expect(eve.leftWith).toBe(4002);
      ann.room.send("kickPlayer", { sessionId: attacker.room.sessionId, reason: "bye\u0000" });
      await waitFor(() => ann.leftWith !== null, "the server to close the host who sent a control character");
      expect(ann.leftWith).toBe(4002);
      // The attacker is the only one left; nobody saw any of it in the chat.
      expect(attacker.chat.filter((line) => !line.system)).toEqual([]);
      // Messages travel as msgpack, whose decoder turns a lone surrogate into U+FFFD before any check:
      // only join/create options (JSON) can carry one, and those are refused (test above).
      attacker.room.send("chat", { text: "hello\uD800" });
      await waitFor(() => attacker.chat.some((line) => !line.system), "the chat line");
      expect(attacker.chat.find((line) => !line.system)?.text).toMatch(/^hello\uFFFD+$/);

      // The attack from the issue: a lone surrogate in a name corrupted every later joiner's decoding.
      expect(await refusal(joinMatch(server.endpoint, ann.room.roomId, { name: "x\uD800" }))).toMatch(/name: contains a broken character/);
      expect(await refusal(joinMatch(server.endpoint, ann.room.roomId, { name: "\uD800", spectate: true }))).toMatch(/name: contains a broken character/);
      // A late joiner decodes exactly what the server holds, and the framework reports no mismatch.
      let zed: Joined | undefined;
      const logged = await loggedDuring(async () => {
        zed = await joinMatch(server.endpoint, ann.room.roomId, { name: "Zed" });
        others.push(zed);
        await waitFor(() => zed?.room.state.players.size === 2, "Zed to decode both players");
      });
      if (!zed) throw new Error("Zed did not join");
      const room = matchMaker.getLocalRoomById(ann.room.roomId) as MatchRoom;
      expect(visible(zed.room.state)).toEqual(visible(room.state));
      expect(zed.room.state.settings.roomName).toBe("Cup final");
      expect(zed.room.state.settings.playersPerTeam).toBe(4);
      expect(zed.room.state.players.get(attacker.room.sessionId)?.name).toMatch(/^Mallory/);
      expect(zed.room.state.hostId).toBe(attacker.room.sessionId);
      expect(logged.filter((line) => /mismatch|refId/i.test(line))).toEqual([]);
    } finally {
      await leaveQuietly(ann, mallory, ...others);
    }
  });

  it("keeps names unique in a room: a taken name gets the first free suffix, without case, within the length limit", async () => {
    const sam = await createMatch(server.endpoint, { name: "Sam" });
    const joined: Joined[] = [sam];
    try {
      for (const name of ["Sam", "sam", "  Sam  ", "Ame\u0301lie", "Amélie", "x".repeat(LIMITS.nameLength), "x".repeat(LIMITS.nameLength)]) {
        joined.push(await joinMatch(server.endpoint, sam.room.roomId, { name, spectate: true }));
      }
      await waitFor(() => sam.room.state.players.size === joined.length, "everyone in the state");
      const names = joined.map((j) => sam.room.state.players.get(j.room.sessionId)?.name);
      expect(names).toEqual(["Sam", "Sam (2)", "sam (3)", "Sam (4)", "Amélie", "Amélie (2)", "x".repeat(20), `${"x".repeat(16)} (2)`]);
      // The chat announces the name the player got (a lone join after a quiet second: its own line).
      await sleep(ANNOUNCE_INTERVAL_MS + 100);
      joined.push(await joinMatch(server.endpoint, sam.room.roomId, { name: "SAM", spectate: true }));
      await waitFor(() => sam.chat.some((line) => line.system && line.text === "SAM (5) joined the spectators"), "the join line with the suffixed name");
    } finally {
      await leaveQuietly(...joined);
    }
  });
});
