// Integration: HTTP hygiene (issue 9 part 7) on the real server — errors without stacks or paths, /live only for public rooms
// or with the password, /metrics behind its token and no public reset, CORS only for configured origins, security headers.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverMetricsOf } from "../../harness/serverMetrics.ts";
import { livePath, ROOM_PASSWORD_HEADER } from "../../shared/liveSnapshot.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { limits } from "../../server/limits/settings.ts";
import { createMatch, leaveQuietly, startTestServer, type TestServer } from "../helpers/server.ts";

const TOKEN = "metrics-token-for-this-test";
const FRIENDLY_ORIGIN = "https://friends.example";
let server: TestServer;

describe("HTTP hygiene", () => {
  beforeAll(async () => {
    // A client folder of our own, so the /r/<id> deep-link route exists without a build.
    const clientDir = mkdtempSync(join(tmpdir(), "rebound-client-"));
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Rebound</title>");
    server = await startTestServer({ clientDir, limits: { metricsToken: TOKEN, corsOrigins: [FRIENDLY_ORIGIN] } });
  });
  afterAll(async () => { await server?.stop(); });

  it("answers a broken percent-escape with a plain 400: no stack trace, no file paths", async () => {
    for (const path of ["/r/%E0%A4%A", "/api/rooms/%E0%A4%A/live"]) {
      const response = await fetch(`${server.endpoint}${path}`);
      const body = await response.text();
      expect(response.status).toBe(400);
      expect(body).toBe("Bad Request");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("serves /live for public rooms, for password rooms only with the password, never for private ones", async () => {
    const open = await createMatch(server.endpoint, { name: "Pub" });
    const locked = await createMatch(server.endpoint, { name: "Pw", password: "hunter2" });
    const hidden = await createMatch(server.endpoint, { name: "Priv", isPrivate: true });
    const live = (roomId: string, headers: Record<string, string> = {}) => fetch(`${server.endpoint}${livePath(roomId)}`, { headers });
    expect((await live(open.room.roomId)).status).toBe(200);
    const refused = await live(locked.room.roomId);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).not.toMatch(/score|ball/);
    expect((await live(locked.room.roomId, { [ROOM_PASSWORD_HEADER]: "wrong" })).status).toBe(403);
    const unlocked = await live(locked.room.roomId, { [ROOM_PASSWORD_HEADER]: "hunter2" });
    expect(unlocked.status).toBe(200);
    expect(await unlocked.json()).toMatchObject({ roomId: locked.room.roomId, scoreRed: 0, scoreBlue: 0 });
    expect((await live(hidden.room.roomId)).status).toBe(403);
    await leaveQuietly(open, locked, hidden);
  });

  it("keeps /metrics behind the configured token and has no public reset", async () => {
    expect((await fetch(`${server.endpoint}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.endpoint}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const allowed = await fetch(`${server.endpoint}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(serverMetricsOf(await allowed.text()).totalSteps).toEqual(expect.any(Number));
    expect((await fetch(`${server.endpoint}/metrics/reset`, { method: "POST" })).status).toBe(401);
    expect((await fetch(`${server.endpoint}/metrics/reset`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    // Without a token configured, reset is off for everyone (metrics stay readable, as before).
    limits.metricsToken = "";
    try {
      expect((await fetch(`${server.endpoint}/metrics/reset`, { method: "POST" })).status).toBe(404);
      expect((await fetch(`${server.endpoint}/metrics`)).status).toBe(200);
    } finally {
      limits.metricsToken = TOKEN;
    }
  });

  it("answers CORS only for configured origins, never reflecting any origin with credentials", async () => {
    const evil = await fetch(`${server.endpoint}/healthz`, { headers: { origin: "https://evil.example" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(evil.headers.get("access-control-allow-credentials")).toBeNull();
    const preflight = await fetch(`${server.endpoint}/matchmake/joinOrCreate/${MATCH_ROOM}`, {
      method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const friendly = await fetch(`${server.endpoint}/healthz`, { headers: { origin: FRIENDLY_ORIGIN } });
    expect(friendly.headers.get("access-control-allow-origin")).toBe(FRIENDLY_ORIGIN);
    expect(friendly.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("sends the security headers on pages, API and matchmaking, and no X-Powered-By", async () => {
    const page = await fetch(`${server.endpoint}/r/abc123`);
    const matchmaking = await fetch(`${server.endpoint}/matchmake/joinById/nosuchroom`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    for (const response of [page, await fetch(`${server.endpoint}/healthz`), matchmaking]) {
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });
});
