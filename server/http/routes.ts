// Plain HTTP routes on the game's port: health, metrics, the live-score polling API, and the built client (with /r/<roomId> and /compare/<roomId> deep links).
import express, { type Application } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { metricsSnapshot, resetMetrics } from "../metrics.ts";
import { mountLiveApi } from "./liveApi.ts";
import { mountRoomCard } from "./roomCard.ts";

export function mountHttpRoutes(app: Application, clientDir: string | null): void {
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get("/metrics", (_req, res) => {
    res.json(metricsSnapshot());
  });
  app.post("/metrics/reset", (_req, res) => {
    resetMetrics();
    res.json({ ok: true });
  });
  mountLiveApi(app);
  mountRoomCard(app);
  if (!clientDir) return;
  const indexHtml = join(clientDir, "index.html");
  if (!existsSync(indexHtml)) {
    app.get("/", (_req, res) => {
      res.status(503).type("text").send("The client is not built yet: run `npm run build` (npm start does it for you).");
    });
    return;
  }
  app.use(express.static(clientDir, { index: "index.html", maxAge: "1h" }));
  // Deep links into a room are client-side routes: serve the app, which reads the path.
  app.get("/r/:roomId", (_req, res) => {
    res.sendFile(indexHtml);
  });
  // The compare page is its own small Vite entry (no Phaser): WebSocket feed vs HTTP polling.
  const compareHtml = join(clientDir, "compare.html");
  app.get("/compare/:roomId", (_req, res) => {
    res.sendFile(existsSync(compareHtml) ? compareHtml : indexHtml);
  });
}
