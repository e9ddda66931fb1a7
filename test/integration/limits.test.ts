// Integration: matchmaking abuse against the real server at its default limits (issue 9 parts 3 and 4) — reservation floods,
// password and spectator seats judged at reservation, room-creation floods, socket floods and huge bodies — while friends still get in.
import http from "node:http";
import { Client } from "@colyseus/sdk";
import { matchMaker } from "colyseus";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE, MATCH_LIMITS } from "../../shared/constants.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { quotas } from "../../server/limits/quotas.ts";
import { DEFAULT_LIMITS } from "../../server/limits/settings.ts";
import { leaveQuietly, startTestServer, track, waitFor, type Joined, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let nextAddress = 10;

/** A fresh documentation address per "person": the server trusts one proxy hop here, as behind nginx. */
function newAddress(): string {
  nextAddress += 1;
  return `203.0.113.${nextAddress}`;
}


function clientFrom(address: string): Client {
  return new Client(server.endpoint, { headers: { "x-forwarded-for": address } });
}

async function joinFrom(address: string, roomId: string, options: Record<string, unknown> = {}): Promise<Joined> {
  const room = await clientFrom(address).joinById<MatchState>(roomId, options, MatchState);
  const joined = track(room);
  await waitFor(() => room.state.players?.has(room.sessionId) === true, "our own player in the state");
  return joined;
}

async function hostFrom(address: string, options: Record<string, unknown> = {}): Promise<Joined> {
  const room = await clientFrom(address).create<MatchState>(MATCH_ROOM, { name: "Host", ...options }, MatchState);
  const joined = track(room);
  await waitFor(() => room.state.players?.has(room.sessionId) === true, "the host in the state");
  return joined;
}

async function matchmake(address: string, method: string, target: string, body: unknown): Promise<{ status: number; error: string }> {
  const response = await fetch(`${server.endpoint}/matchmake/${method}/${target}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { error?: string };
  return { status: response.status, error: answer.error ?? "" };
}

describe("matchmaking limits at the defaults", () => {
  beforeAll(async () => { server = await startTestServer({ limits: { ...DEFAULT_LIMITS, trustProxyHops: 1 } }); });
  afterAll(async () => { await server?.stop(); });

  it("a flood of bare seat reservations cannot lock a room: friends still join", async () => {
    const host = await hostFrom(newAddress());
    const friend = await joinFrom(newAddress(), host.room.roomId);
    const attacker = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, () => matchmake(attacker, "joinById", host.room.roomId, {})));
    const held = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429);
    expect(held).toBeLessThanOrEqual(DEFAULT_LIMITS.pendingJoinsPerAddress);
    expect(refused.length).toBe(30 - held);
    expect(refused[0]?.error).toBe("Too many joins from your network at once: try again in a few seconds.");
    const listing = await matchMaker.getRoomById(host.room.roomId);
    expect(listing?.locked).toBe(false);
    // Before the fix the room said "locked" to everyone for 15 s; now a third friend gets in at once.
    const late = await joinFrom(newAddress(), host.room.roomId);
    expect(late.room.state.players.size).toBe(3);
    await leaveQuietly(host, friend, late);
  });

  it("checks the password at reservation: no seat is held without it", async () => {
    const host = await hostFrom(newAddress(), { password: "s3cret" });
    const attacker = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, () => matchmake(attacker, "joinById", host.room.roomId, {})));
    expect(answers.map((a) => `${a.status} ${a.error}`)).toEqual(Array.from({ length: 30 }, () => "401 wrong password"));
    expect(quotas.pendingJoins(attacker, Date.now())).toBe(0);
    const listing = await matchMaker.getRoomById(host.room.roomId);
    expect(listing?.clients).toBe(1);
    const friend = await joinFrom(newAddress(), host.room.roomId, { password: "s3cret" });
    expect(friend.room.state.players.size).toBe(2);
    await leaveQuietly(host, friend);
  });

  it("checks the spectator cap at reservation", async () => {
    const host = await hostFrom(newAddress());
    const watcherAddress = newAddress();
    const watchers: Joined[] = [];
    for (let i = 0; i < MATCH_LIMITS.maxSpectators; i++) watchers.push(await joinFrom(watcherAddress, host.room.roomId, { spectate: true }));
    const over = await matchmake(newAddress(), "joinById", host.room.roomId, { spectate: true });
    expect(over).toEqual({ status: 409, error: "spectator seats are full" });
    await leaveQuietly(host, ...watchers);
  }, 90_000);

  it("caps room creation per address with a 429 and a sentence, and other addresses still host", async () => {
    const flooder = newAddress();
    const answers: { status: number; error: string }[] = [];
    for (let wave = 0; wave < 6; wave++) {
      answers.push(...await Promise.all(Array.from({ length: 10 }, () => matchmake(flooder, "create", MATCH_ROOM, { isPrivate: true }))));
    }
    const created = answers.filter((a) => a.status === 200).length;
    // Bounded by the smallest cap that applies (each creator's own seat is a pending join until it connects).
    expect(created).toBeLessThanOrEqual(Math.min(DEFAULT_LIMITS.roomCreationsPerMinute, DEFAULT_LIMITS.liveRoomsPerAddress, DEFAULT_LIMITS.pendingJoinsPerAddress));
    const refusals = answers.filter((a) => a.status !== 200);
    expect(refusals.length).toBe(60 - created);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(429);
      expect(refusal.error).toMatch(/^(Too many new rooms from your network: try again in \d+ s\.|Your network already has \d+ rooms open: close one before hosting another\.|Too many joins from your network at once: try again in a few seconds\.)$/);
    }
    const friend = await hostFrom(newAddress());
    expect(friend.room.state.players.size).toBe(1);
    await leaveQuietly(friend);
  });

  it("caps open sockets per address: the rest are closed with 4429 and a reason", async () => {
    const flooder = newAddress();
    const closes: { code: number; reason: string }[] = [];
    let maxOpen = 0;
    const sockets = Array.from({ length: DEFAULT_LIMITS.socketsPerAddress + 20 }, () => {
      const socket = new WebSocket(server.endpoint.replace("http", "ws"), { headers: { "x-forwarded-for": flooder } });
      socket.on("open", () => { maxOpen = Math.max(maxOpen, quotas.openSockets(flooder)); });
      socket.on("close", (code, reason) => closes.push({ code, reason: reason.toString() }));
      socket.on("error", () => undefined);
      return socket;
    });
    await waitFor(() => closes.length === sockets.length, "every flood socket closed (the server closes idle root sockets after 1 s)", 30_000);
    const refused = closes.filter((c) => c.code === CLOSE.tooManyConnections);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.reason).toMatch(/^Too many connections from your network \(\d+ open\)/);
    expect(maxOpen).toBeLessThanOrEqual(DEFAULT_LIMITS.socketsPerAddress);
    await waitFor(() => quotas.openSockets(flooder) === 0, "the flooder's sockets all counted closed");
    // Another address is unaffected throughout.
    const host = await hostFrom(newAddress());
    await leaveQuietly(host);
  });

  it("refuses bodies over the limit, declared or chunked, without reading them whole", async () => {
    const declared = await fetch(`${server.endpoint}/matchmake/joinOrCreate/${MATCH_ROOM}`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(DEFAULT_LIMITS.bodyBytes) }),
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ code: 413, error: `Request body over ${DEFAULT_LIMITS.bodyBytes} bytes.` });
    // 100 MB chunked, as in the issue: the server answers (or drops the connection) long before the end.
    const rssBefore = process.memoryUsage().rss;
    let written = 0;
    const outcome = await new Promise<string>((resolve) => {
      const request = http.request(`${server.endpoint}/matchmake/joinOrCreate/${MATCH_ROOM}`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (response) => {
        response.resume();
        resolve(`status ${response.statusCode}`);
      });
      request.on("error", (error) => resolve(`error ${error.message}`));
      const chunk = Buffer.alloc(1 << 20, 0x61);
      const pump = (): void => {
        while (written < 100 * (1 << 20) && !request.destroyed) {
          written += chunk.length;
          if (!request.write(chunk)) { request.once("drain", pump); return; }
        }
        request.end();
      };
      request.write("{\"name\":\"");
      pump();
    });
    expect(outcome).toMatch(/^(status 413|error .*(ECONNRESET|EPIPE|socket hang up).*)$/);
    expect(written).toBeLessThan(100 * (1 << 20));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * (1 << 20));
  });
});
