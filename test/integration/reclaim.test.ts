// Integration test: a reloaded page that asks to reconnect before the server has seen its old socket close (a busy server) gets its seat back.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MatchState } from "../../shared/state.ts";
import { createMatch, joinMatch, leaveQuietly, startTestServer, waitFor, type TestServer } from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.stop(); });

describe("reclaiming a seat from a reload", () => {
  it("keeps the seat, team and host role when the new page reconnects while the old socket still looks open", async () => {
    const host = await createMatch(server.endpoint, { name: "Host" });
    const friend = await joinMatch(server.endpoint, host.room.roomId, { name: "Sam" });
    const friendId = friend.room.sessionId;
    const team = friend.room.state.players.get(friendId)!.team;
    // The old page is gone: its SDK would not retry. The server has not read its close yet, so its socket is still open.
    friend.room.reconnection.enabled = false;
    const token = friend.room.reconnectionToken;

    // The framework closes the stale socket itself (4002, the code it also uses for errors) and hands its seat over.
    const reloaded = await new Client(server.endpoint).reconnect<MatchState>(token, MatchState);
    reloaded.onMessage("*", () => { /* chat and notices: not what this test reads */ });
    await waitFor(() => reloaded.state.players?.has(friendId) === true, "the reloaded page's own player");
    expect(reloaded.sessionId).toBe(friendId);
    expect(reloaded.state.players.get(friendId)!.team).toBe(team);
    await waitFor(() => friend.leftWith !== null, "the stale socket closed");

    // Everyone else sees the same player, connected, never a leave.
    await waitFor(() => host.room.state.players.get(friendId)?.connected === true, "Sam connected on the host's page");
    expect(host.room.state.players.get(friendId)!.team).toBe(team);
    expect(host.chat.some((line) => /left/.test(line.text))).toBe(false);

    // The host's own reload, the same way, keeps the host role.
    host.room.reconnection.enabled = false;
    const hostId = host.room.sessionId;
    const hostBack = await new Client(server.endpoint).reconnect<MatchState>(host.room.reconnectionToken, MatchState);
    hostBack.onMessage("*", () => { /* chat and notices: not what this test reads */ });
    await waitFor(() => hostBack.state.players?.has(hostId) === true && hostBack.state.hostId === hostId, "the host back as host");
    expect(hostBack.sessionId).toBe(hostId);

    await hostBack.leave(true);
    await reloaded.leave(true);
    await leaveQuietly(host, friend);
  });
});
