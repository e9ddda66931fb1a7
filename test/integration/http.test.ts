// Integration test: the plain HTTP routes on the game's port — GET /healthz answers ok and names its process, GET /metrics (Prometheus text) counts the fixed steps rooms ran.
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverMetricsOf } from "../../harness/serverMetrics.ts";
import { metricsRegistry } from "../../server/metrics.ts";
import { startServerProcess } from "../helpers/processes.ts";
import { createMatch, freePort, leaveQuietly, patches, startTestServer, type TestServer } from "../helpers/server.ts";

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
    expect(typeof (body as { instance?: unknown }).instance).toBe("string");
  });

  it("a launched server is only taken as ready when /healthz names that very process, never a leftover on its port", async () => {
    // A stranger already answers /healthz on the port, as a leftover server from an earlier run would.
    const stranger = createServer((_req, res) => { res.setHeader("content-type", "application/json"); res.end(JSON.stringify({ ok: true, instance: "leftover" })); });
    const port = await freePort();
    await new Promise<void>((resolve) => stranger.listen(port, resolve));
    try {
      await expect(startServerProcess(port)).rejects.toThrow(/exited early|another server \(instance "leftover"\)/);
    } finally {
      await new Promise((resolve) => stranger.close(resolve));
    }
    // On a port of its own the same launcher succeeds.
    const own = await startServerProcess(await freePort());
    try {
      const health = (await (await fetch(`${own.endpoint}/healthz`)).json()) as { instance: string };
      expect(health.instance.length).toBeGreaterThan(0);
    } finally {
      await own.stop();
    }
  }, 60_000);

  it("GET /metrics serves the Prometheus text format and counts the steps of a running room", async () => {
    const joined = await createMatch(server.endpoint, { name: "Ann" });
    const readMetrics = async (): Promise<{ status: number; contentType: string; text: string }> => {
      const response = await fetch(`${server.endpoint}/metrics`);
      return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
    };
    try {
      await patches(joined.room, 10);
      const { status, contentType, text } = await readMetrics();
      expect(status).toBe(200);
      expect(contentType).toBe(metricsRegistry.contentType);
      expect(text).toContain("# TYPE rebound_room_step_seconds histogram");
      expect(text).toContain("# TYPE nodejs_eventloop_lag_p99_seconds gauge");
      const metrics = serverMetricsOf(text);
      expect(metrics.totalSteps).toBeGreaterThan(0);
      expect(metrics.totalPatches).toBeGreaterThan(0);
      expect(metrics.stepP99Ms).toBeGreaterThan(0);
      expect(metrics.rooms).toBeGreaterThanOrEqual(1);
      expect(metrics.connectedClients).toBeGreaterThanOrEqual(1);

      // It keeps counting while the room runs.
      await patches(joined.room, 5);
      expect(serverMetricsOf((await readMetrics()).text).totalSteps).toBeGreaterThan(metrics.totalSteps);
    } finally {
      await leaveQuietly(joined);
    }
  });
});
