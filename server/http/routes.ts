// Plain HTTP routes on the game's port: health, metrics, the live-score polling API, and the built client (with /r/<roomId> and /compare/<roomId> deep links).
import type { Application } from "express";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mountHistoryApi } from "./historyApi.ts";
import { mountLiveApi } from "./liveApi.ts";
import { mountMetricsRoutes } from "./metricsRoutes.ts";
import { mountStaticClient, sendClientFile } from "./staticClient.ts";

/** Names this process in /healthz, so a launcher can tell its own child from a leftover server on the same port
 * (the launcher passes REBOUND_INSTANCE_ID; otherwise a random one). Not a secret: it only identifies. */
const INSTANCE_ID = process.env.REBOUND_INSTANCE_ID || randomUUID();
import { mountRoomCard } from "./roomCard.ts";

export function mountHttpRoutes(app: Application, clientDir: string | null): void {
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, instance: INSTANCE_ID, uptimeSeconds: Math.round(process.uptime()) });
  });
  mountMetricsRoutes(app);
  mountLiveApi(app);
  mountHistoryApi(app);
  mountRoomCard(app);
  if (!clientDir) return;
  const indexHtml = join(clientDir, "index.html");
  if (!existsSync(indexHtml)) {
    app.get("/", (_req, res) => {
      res.status(503).type("text").send("The client is not built yet: run `npm run build` (npm start does it for you).");
    });
    return;
  }
  mountStaticClient(app, clientDir);
  // Deep links into a room are client-side routes: serve the app, which reads the path.
  app.get("/r/:roomId", (req, res) => {
    sendClientFile(req, res, indexHtml);
  });
  // The compare page is its own small Vite entry (no Phaser): WebSocket feed vs HTTP polling.
  const compareHtml = join(clientDir, "compare.html");
  app.get("/compare/:roomId", (req, res) => {
    sendClientFile(req, res, existsSync(compareHtml) ? compareHtml : indexHtml);
  });
  // Match history and the replay viewer: small pages of their own (no Phaser, no live room needed).
  const historyHtml = join(clientDir, "history.html");
  app.get("/history", (req, res) => {
    sendClientFile(req, res, existsSync(historyHtml) ? historyHtml : indexHtml);
  });
  const replayHtml = join(clientDir, "replay.html");
  app.get(["/replay", "/replay/:matchId"], (req, res) => {
    sendClientFile(req, res, existsSync(replayHtml) ? replayHtml : indexHtml);
  });
}
