// Integration test: with a certificate the server speaks HTTPS, and an SDK client joins over wss:// on the same port and plays.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "@colyseus/sdk";
import type { Server } from "colyseus";
import { openInputChannel, sendIntent } from "../../game/net/inputChannel.ts";
import { createGameServer } from "../../server/app.ts";
import { livePath, parseLiveSnapshot } from "../../shared/liveSnapshot.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { freePort } from "../helpers/server.ts";

/** From the OS in beforeAll; this process listens itself, so a busy port fails loudly instead of testing a stranger. */
let PORT = 0;
let HTTPS_ENDPOINT = "";

let server: Server;
let certDir: string;
const previousRejectSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  PORT = await freePort();
  HTTPS_ENDPOINT = `https://localhost:${PORT}`;
  // A throwaway self-signed certificate for localhost, made with the openssl CLI.
  certDir = mkdtempSync(join(tmpdir(), "rebound-tls-"));
  const keyFile = join(certDir, "key.pem");
  const certFile = join(certDir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
    "-addext", "subjectAltName=DNS:localhost", "-keyout", keyFile, "-out", certFile,
  ], { stdio: "ignore" });
  // Node's fetch and the `ws` socket inside the SDK must accept that certificate: this test process only.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  server = createGameServer({
    clientDir: null, gracefullyShutdown: false,
    tls: { cert: readFileSync(certFile), key: readFileSync(keyFile) },
  });
  await server.listen(PORT);
});

afterAll(async () => {
  await server?.gracefullyShutdown(false);
  if (previousRejectSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousRejectSetting;
  rmSync(certDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe("TLS on the game's own port", () => {
  it("serves HTTPS and refuses plain HTTP on the same port", async () => {
    const health = await fetch(`${HTTPS_ENDPOINT}/healthz`);
    expect(health.status).toBe(200);
    await expect(fetch(`http://localhost:${PORT}/healthz`)).rejects.toThrow();
  });

  it("lets an SDK client join over wss:// and move its player with inputs", async () => {
    const room: Room<unknown, MatchState> = await new Client(HTTPS_ENDPOINT).create(MATCH_ROOM, { name: "Tess" }, MatchState);
    room.onMessage("*", () => undefined);
    try {
      // The socket the SDK actually opened is a secure WebSocket on the same port.
      expect(room.connection.url).toMatch(new RegExp(`^wss://localhost:${PORT}/`));
      await waitFor(() => room.state.players.get(room.sessionId)?.team === "red", "Tess on red");
      const me = room.state.players.get(room.sessionId);
      if (!me) throw new Error("own player missing");
      const startX = me.x;
      const startY = me.y;

      const input = openInputChannel(room);
      const sender = setInterval(() => sendIntent(input, { moveX: 0, moveY: 127, kick: false }), 16);
      try {
        await waitFor(() => me.y > startY + 40, "Tess to run down the pitch");
      } finally {
        clearInterval(sender);
      }
      expect(me.x).toBeCloseTo(startX, 0);
      // The server acknowledged the inputs over the secure socket, so the SDK clock measured a round trip.
      await waitFor(() => room.clock.smoothedRtt() > 0, "an input round trip");

      // The polling API answers over HTTPS on that same port too.
      const live = parseLiveSnapshot(await (await fetch(`${HTTPS_ENDPOINT}${livePath(room.roomId)}`)).json());
      expect(live?.roomId).toBe(room.roomId);
    } finally {
      await room.leave(true);
    }
  });
});
