// The match history over HTTP: GET /api/matches (recent, per room, per player name), /api/matches/<id> and
// /api/matches/<id>/replay (the replay file; a match still being played is served up to its last checkpoint).
import type { Application, Response } from "express";
import { gzip } from "node:zlib";
import { promisify } from "node:util";
import { HistoryQueryWire, MATCH_ID, REPLAY_CONTENT_TYPE } from "../../shared/history.ts";
import { endMark, joinChunks } from "../../shared/replay/replayFile.ts";
import { serverLog } from "../log.ts";
import { matchStore } from "../replays/history.ts";

const gzipAsync = promisify(gzip);

function refuse(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

export function mountHistoryApi(app: Application): void {
  app.get("/api/matches", async (req, res) => {
    res.set("Cache-Control", "no-store");
    const store = matchStore();
    if (!store) return refuse(res, 404, "this server keeps no match history");
    const query = HistoryQueryWire.safeParse(req.query);
    if (!query.success) return refuse(res, 400, "invalid history query");
    try {
      const { room, player, before, limit } = query.data;
      res.json({ matches: await store.list({ roomId: room, player, before, limit }) });
    } catch (error) {
      serverLog.error({ err: error }, "match history read failed");
      refuse(res, 503, "match history unavailable");
    }
  });

  app.get("/api/matches/:id", async (req, res) => {
    res.set("Cache-Control", "no-store");
    const store = matchStore();
    const id = String(req.params.id);
    if (!MATCH_ID.test(id)) return refuse(res, 400, "invalid match id");
    if (!store) return refuse(res, 404, "this server keeps no match history");
    try {
      const summary = await store.get(id);
      if (!summary) return refuse(res, 404, "no such match");
      res.json(summary);
    } catch (error) {
      serverLog.error({ err: error }, "match history read failed");
      refuse(res, 503, "match history unavailable");
    }
  });

  app.get("/api/matches/:id/replay", async (req, res) => {
    const store = matchStore();
    const id = String(req.params.id);
    if (!MATCH_ID.test(id)) return refuse(res, 400, "invalid match id");
    if (!store) return refuse(res, 404, "this server keeps no match history");
    try {
      const [summary, chunks] = await Promise.all([store.get(id), store.chunks(id)]);
      if (!summary || !chunks) return refuse(res, 404, "no such match");
      const live = summary.status === "recording";
      // A match still being played: its checkpoints so far, closed with an end mark so the file reads.
      const file = Buffer.from(joinChunks(live ? [...chunks, endMark()] : chunks));
      res.set("Cache-Control", live ? "no-store" : "public, max-age=3600");
      res.set("Content-Type", REPLAY_CONTENT_TYPE);
      res.set("Vary", "Accept-Encoding");
      if (req.query.download !== undefined) {
        const day = new Date(summary.startedAt).toISOString().slice(0, 10);
        res.set("Content-Disposition", `attachment; filename="rebound-${day}-${id}.rbrp"`);
      }
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        res.set("Content-Encoding", "gzip");
        res.send(await gzipAsync(file));
      } else {
        res.send(file);
      }
    } catch (error) {
      serverLog.error({ err: error }, "replay read failed");
      refuse(res, 503, "match history unavailable");
    }
  });
}
