// Integration test: chat through a real server — a line reaches the other client with the sender's name; a flood past the rate limit gets an error notice instead of broadcasting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../shared/constants.ts";
import type { ShownChatLine } from "../helpers/server.ts";
import { createMatch, joinMatch, leaveQuietly, patches, startTestServer, waitFor, type TestServer } from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

const fromPlayers = (lines: ShownChatLine[]): ShownChatLine[] => lines.filter((line) => !line.system);

describe("chat", () => {
  it("delivers a valid line to the other client with the sender's name and team", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    try {
      // System lines arrive too (Bob's own join announcement).
      await waitFor(() => bob.chat.some((line) => line.system && line.text.includes("Bob")), "the join announcement");
      ann.room.send("chat", { text: "  good luck, have fun  " });
      await waitFor(() => fromPlayers(bob.chat).length > 0, "Ann's line to reach Bob");
      expect(fromPlayers(bob.chat)).toEqual([{ from: "Ann", fromId: ann.room.sessionId, team: "red", text: "good luck, have fun", system: false }]);
      // The sender gets the broadcast too, and nobody got an error.
      await waitFor(() => fromPlayers(ann.chat).length > 0, "Ann's line to come back to Ann");
      expect(ann.notices).toEqual([]);
      expect(bob.notices).toEqual([]);
    } finally {
      await leaveQuietly(ann, bob);
    }
  });

  it("answers a flood beyond the rate limit with an error notice instead of broadcasting it", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    try {
      const extra = 3;
      const total = LIMITS.chatPerWindow + extra;
      for (let i = 1; i <= total; i++) ann.room.send("chat", { text: `line ${i}` });

      await waitFor(() => ann.notices.length >= extra, `${extra} notices for Ann`);
      // Everything the server sent Bob for these lines is in by the time two later patches arrive.
      await waitFor(() => fromPlayers(bob.chat).length >= LIMITS.chatPerWindow, "the allowed lines to reach Bob");
      await patches(bob.room, 2);

      const expectedLines = Array.from({ length: LIMITS.chatPerWindow }, (_, i) => `line ${i + 1}`);
      expect(fromPlayers(bob.chat).map((line) => line.text)).toEqual(expectedLines);
      expect(ann.notices).toHaveLength(extra);
      for (const notice of ann.notices) expect(notice.level).toBe("error");
      // The flood is throttled, not punished: both are still connected, and Bob, who sent nothing, got no notice.
      expect(bob.notices).toEqual([]);
      expect(ann.leftWith).toBeNull();
      expect(bob.leftWith).toBeNull();

      // Bob's own allowance is untouched by Ann's flood.
      bob.room.send("chat", { text: "calm down" });
      await waitFor(() => fromPlayers(ann.chat).some((line) => line.text === "calm down" && line.from === "Bob"), "Bob's line to reach Ann");
    } finally {
      await leaveQuietly(ann, bob);
    }
  });
});
