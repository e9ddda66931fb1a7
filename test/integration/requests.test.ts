// Integration test: request frames (room.request) follow the message policy — any request closes only its sender with CLOSE.badInput, with no reply and nothing in the log — and the server's error log stays bounded when many clients make it log at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOG_LINES_PER_SECOND } from "../../server/logLimit.ts";
import { CLOSE } from "../../shared/constants.ts";
import { loggedDuring } from "../helpers/serverLog.ts";
import { createMatch, joinMatch, leaveQuietly, sleep, startTestServer, waitFor, type Joined, type TestServer } from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

const HELD_BACK = /more error\/warning lines? held back/;

async function joinMany(roomId: string, count: number, prefix: string): Promise<Joined[]> {
  const joined: Joined[] = [];
  for (let i = 0; i < count; i++) joined.push(await joinMatch(server.endpoint, roomId, { name: `${prefix}${i}`, spectate: true }));
  return joined;
}

describe("request frames and the error log", () => {
  it("closes each client that sends a request frame (unknown type, bad payload or even a valid one), without a reply or a log line", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const attackers = await joinMany(ann.room.roomId, 12, "Req");
    try {
      const requests: [string, unknown][] = [["nope", { hello: "world" }], ["chat", { text: 42 }], ["chat", { text: "hi" }], ["__proto__", {}]];
      const replies: string[] = [];
      const lines = await loggedDuring(async () => {
        attackers.forEach((attacker, i) => {
          const [type, payload] = requests[i % requests.length];
          attacker.room.request(type, payload, { timeout: 5000 }).then(() => replies.push("answered"), (error: Error) => replies.push(error.message));
        });
        await waitFor(() => attackers.every((a) => a.leftWith !== null), "every request sender to be closed");
        await waitFor(() => replies.length === attackers.length, "every request to settle");
      });
      expect(attackers.map((a) => a.leftWith)).toEqual(attackers.map(() => CLOSE.badInput));
      // No error reply from the room (the requests fail only because the connection closed).
      expect(replies.every((r) => /closed/i.test(r))).toBe(true);
      expect(lines.filter((line) => /Error|\n\s+at /.test(line))).toEqual([]);
      // Ann plays on; nobody saw a chat line from the requests.
      expect(ann.leftWith).toBeNull();
      expect(ann.chat.filter((line) => !line.system)).toEqual([]);
      await sleep(100);
      expect(ann.room.state.players.get(ann.room.sessionId)?.connected).toBe(true);
    } finally {
      await leaveQuietly(ann, ...attackers);
    }
  });

  it(`writes at most ${LOG_LINES_PER_SECOND} error lines a second when 60 clients make the framework log at once, then one summary`, async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    // 60 sockets over three rooms (20 spectator seats each).
    const hosts = [ann, await createMatch(server.endpoint, { name: "Bea" }), await createMatch(server.endpoint, { name: "Cy" })];
    const attackers: Joined[] = [];
    for (const host of hosts) attackers.push(...await joinMany(host.room.roomId, 20, "Bad"));
    try {
      let started = 0;
      const lines = await loggedDuring(async (sofar) => {
        started = Date.now();
        // A bad payload: the framework logs the validation error (with its stack) and closes the sender with 4002.
        for (const attacker of attackers) attacker.room.send("chat", { text: 42 });
        await waitFor(() => attackers.every((a) => a.leftWith !== null), "every bad sender to be closed");
        // The summary is written once the overflowing second has passed.
        await waitFor(() => sofar.some((line) => HELD_BACK.test(line)), "the held-back summary");
      });
      const seconds = Math.ceil((Date.now() - started) / 1000);
      expect(attackers.every((a) => a.leftWith === 4002)).toBe(true);
      const summaries = lines.filter((line) => HELD_BACK.test(line));
      expect(summaries.length).toBeGreaterThan(0);
      expect(lines.length - summaries.length).toBeLessThanOrEqual(seconds * LOG_LINES_PER_SECOND);
      const heldBack = summaries.reduce((sum, line) => sum + Number(/(\d+) more/.exec(line)?.[1] ?? 0), 0);
      // Every bad frame was accounted for: written or counted.
      expect(lines.length - summaries.length + heldBack).toBeGreaterThanOrEqual(attackers.length);
      expect(hosts.map((h) => h.leftWith)).toEqual([null, null, null]);
    } finally {
      await leaveQuietly(...hosts, ...attackers);
    }
  }, 60_000);
});
