// Integration test: join/leave churn cannot flood the chat — many clients joining and leaving as fast as they can reach an honest player as at most one join and one leave line a second.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANNOUNCE_INTERVAL_MS } from "../../server/rooms/announcements.ts";
import { createMatch, joinMatch, leaveQuietly, sleep, startTestServer, waitFor, type TestServer } from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

describe("join/leave churn", () => {
  it("reaches an honest player as at most one join and one leave line per second", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    try {
      await sleep(ANNOUNCE_INTERVAL_MS);
      const from = ann.chat.length;
      const startedAt = Date.now();
      let cycles = 0;
      const until = startedAt + 4000;
      await Promise.all(Array.from({ length: 6 }, async (_, n) => {
        while (Date.now() < until) {
          const churner = await joinMatch(server.endpoint, ann.room.roomId, { name: `Churn${n}`, spectate: true });
          await churner.room.leave(true);
          cycles += 1;
        }
      }));
      await sleep(ANNOUNCE_INTERVAL_MS + 200);
      const seconds = (Date.now() - startedAt) / 1000;
      const lines = ann.chat.slice(from).filter((line) => line.system);
      console.log(`churn: ${cycles} join/leave cycles in ${seconds.toFixed(1)} s → ${lines.length} system lines at the honest player`);
      expect(cycles).toBeGreaterThan(20);
      expect(lines.length).toBeLessThanOrEqual(2 * Math.ceil(seconds * 1000 / ANNOUNCE_INTERVAL_MS + 1));
      // Nothing is hidden: the lines count everyone (listed, or as "N players").
      const counted = (verb: string): number => lines.filter((l) => l.text.endsWith(verb) || l.text.includes(` ${verb} `)).reduce((sum, l) => {
        const many = /^(\d+) players/.exec(l.text);
        return sum + (many ? Number(many[1]) : l.text.replace(/ (joined|left).*$/, "").split(/, | and /).length);
      }, 0);
      expect(counted("joined")).toBe(cycles);
      expect(counted("left")).toBe(cycles);
      expect(ann.leftWith).toBeNull();
    } finally {
      await leaveQuietly(ann);
    }
  }, 60_000);

  it("still announces a lone join at once, in the usual words", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    try {
      await waitFor(() => ann.chat.some((l) => l.system && l.text === "Bob joined team blue"), "Bob's join line");
    } finally {
      await leaveQuietly(ann, bob);
    }
  });
});
