// GET /metrics in the Prometheus text format (behind a bearer token when REBOUND_METRICS_TOKEN is set) and POST /metrics/reset (only with that token: no public reset).
import type { Application, Request, Response } from "express";
import { createHash, timingSafeEqual } from "node:crypto";
import { metricsRegistry, resetMetrics } from "../metrics.ts";
import { limits } from "../limits/settings.ts";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** True when the request carries the configured token (compared in constant time). */
function hasMetricsToken(req: Request): boolean {
  const header = req.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  return limits.metricsToken.length > 0 && timingSafeEqual(digest(token), digest(limits.metricsToken));
}

function refuse(res: Response): void {
  res.status(401).set("WWW-Authenticate", "Bearer").json({ error: "metrics token required" });
}

export function mountMetricsRoutes(app: Application): void {
  app.get("/metrics", async (req, res) => {
    if (limits.metricsToken && !hasMetricsToken(req)) {
      refuse(res);
      return;
    }
    const text = await metricsRegistry.metrics();
    res.set("Cache-Control", "no-store").type(metricsRegistry.contentType).send(text);
  });
  // Resetting the figures changes what operators see: never anonymous, so off without a token.
  app.post("/metrics/reset", async (req, res) => {
    if (!hasMetricsToken(req)) {
      if (limits.metricsToken) refuse(res);
      else res.status(404).json({ error: "metrics reset is off: set REBOUND_METRICS_TOKEN to enable it" });
      return;
    }
    await resetMetrics();
    res.json({ ok: true });
  });
}
