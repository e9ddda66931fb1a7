// Integration test: invalid payloads, unknown message types and oversize frames disconnect only their sender; everyone else plays on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE, LIMITS } from "../../shared/constants.ts";
import {
  createMatch, joinMatch, leaveQuietly, patches, startTestServer, waitFor,
  type Joined, type TestServer,
} from "../helpers/server.ts";

/** Colyseus closes a client whose message failed its validator with this code. */
const CLOSE_WITH_ERROR = 4002;
/** The ws transport closes a socket whose frame exceeds maxPayload (4096 bytes) with this code. */
const CLOSE_MESSAGE_TOO_BIG = 1009;

let server: TestServer;
let host: Joined;
let bystander: Joined;
let renames = 0;

beforeAll(async () => {
  server = await startTestServer();
  host = await createMatch(server.endpoint, { name: "Host" });
  bystander = await joinMatch(server.endpoint, host.room.roomId, { name: "Bystander", spectate: true });
});
afterAll(async () => {
  await leaveQuietly(host, bystander);
  await server.stop();
});

interface BadCase {
  what: string;
  send: (offender: Joined) => void;
  expectedCode: number;
}

const cases: BadCase[] = [
  { what: "chat whose text is a number", send: (j) => j.room.send("chat", { text: 123 }), expectedCode: CLOSE_WITH_ERROR },
  { what: "chat one character over the limit", send: (j) => j.room.send("chat", { text: "x".repeat(LIMITS.chatLength + 1) }), expectedCode: CLOSE_WITH_ERROR },
  { what: "chat with an unknown field", send: (j) => j.room.send("chat", { text: "hi", system: true }), expectedCode: CLOSE_WITH_ERROR },
  { what: "setTeam to a team that does not exist", send: (j) => j.room.send("setTeam", { team: "purple" }), expectedCode: CLOSE_WITH_ERROR },
  { what: "startMatch carrying data", send: (j) => j.room.send("startMatch", { force: true }), expectedCode: CLOSE_WITH_ERROR },
  { what: "an unknown message type", send: (j) => j.room.send("nope", {}), expectedCode: CLOSE.badInput },
  { what: "an unknown numeric message type", send: (j) => j.room.send(77, "hello"), expectedCode: CLOSE.badInput },
];

describe("a bad client", () => {
  it.each(cases)("sending $what is disconnected alone (code $expectedCode)", async ({ send, expectedCode }) => {
    const offender = await joinMatch(server.endpoint, host.room.roomId, { name: "Mallory" });
    const offenderId = offender.room.sessionId;
    await waitFor(() => host.room.state.players.has(offenderId), "the offender to appear for the host");
    const playersBefore = host.room.state.players.size;

    send(offender);
    await waitFor(() => offender.leftWith !== null, "the offender to be disconnected");
    expect(offender.leftWith).toBe(expectedCode);
    expect(offender.leftWith).toBeGreaterThanOrEqual(4000);

    // Thrown out, not dropped: the seat is freed at once rather than held for a reconnection.
    await waitFor(() => !host.room.state.players.has(offenderId), "the offender's player to be removed");
    expect(host.room.state.players.size).toBe(playersBefore - 1);
    await expectOthersUnaffected();
  });

  it("sending a 5000-character chat (over the transport's 4096-byte frame limit) is disconnected alone", async () => {
    const offender = await joinMatch(server.endpoint, host.room.roomId, { name: "Mallory" });
    const offenderId = offender.room.sessionId;
    await waitFor(() => host.room.state.players.has(offenderId), "the offender to appear for the host");

    offender.room.send("chat", { text: "x".repeat(5000) });
    await waitFor(() => offender.leftWith !== null, "the offender to be disconnected");
    // The transport, not the room, rejects this frame, so the code is the WebSocket one, not an app code.
    expect(offender.leftWith).toBe(CLOSE_MESSAGE_TOO_BIG);
    expect(host.chat.some((line) => line.text === "x".repeat(5000))).toBe(false);

    // The room only sees a 1006, as on a network failure, but it noticed the socket error: the seat is
    // freed at once instead of being held for the reconnection grace period.
    await waitFor(() => !host.room.state.players.has(offenderId), "the offender's seat to free without a grace period", 3_000);
    await expectOthersUnaffected();
  });
});

/** The host and the bystander are still connected, their state keeps ticking and the room still obeys them. */
async function expectOthersUnaffected(): Promise<void> {
  for (const other of [host, bystander]) {
    expect(other.leftWith).toBeNull();
    const tick = other.room.state.tick;
    await patches(other.room, 3);
    expect(other.room.state.tick).toBeGreaterThan(tick);
  }
  // And the room still listens to them: the host renames the room and everyone sees it.
  const roomName = `still here ${++renames}`;
  host.room.send("updateSettings", { roomName });
  await waitFor(() => bystander.room.state.settings.roomName === roomName, "the host's settings change to reach the bystander");
}
