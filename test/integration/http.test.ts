// Integration test: the plain HTTP routes on the game's port — GET /healthz answers ok, GET /metrics counts the fixed steps rooms ran.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMatch, leaveQuietly, patches, startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

async function getJson(path: string): Promise<{ status: number; contentType: string; body: unknown }> {
  const response = await fetch(`${server.endpoint}${path}`);
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", body: await response.json() };
}

describe("HTTP routes", () => {
  it("GET /healthz returns { ok: true }", async () => {
    const { status, contentType, body } = await getJson("/healthz");
    expect(status).toBe(200);
    expect(contentType).toContain("application/json");
    expect(body).toMatchObject({ ok: true });
  });

  it("GET /metrics returns positive totalSteps once a room has run", async () => {
    const joined = await createMatch(server.endpoint, { name: "Ann" });
    try {
      await patches(joined.room, 10);
      const { status, body } = await getJson("/metrics");
      expect(status).toBe(200);
      expect(body).toMatchObject({ totalSteps: expect.any(Number), stepP99Ms: expect.any(Number), lateSteps: expect.any(Number) });
      const metrics = body as { totalSteps: number; stepPeriodMs: number };
      expect(metrics.totalSteps).toBeGreaterThan(0);
      expect(metrics.stepPeriodMs).toBeCloseTo(1000 / 60);

      // It keeps counting while the room runs.
      await patches(joined.room, 5);
      const later = (await getJson("/metrics")).body as { totalSteps: number };
      expect(later.totalSteps).toBeGreaterThan(metrics.totalSteps);
    } finally {
      await leaveQuietly(joined);
    }
  });
});
