// GET /api/rooms/<roomId>/live: one match's score, clock and ball as JSON, for pages that poll over plain HTTP (public rooms; password rooms with the password).
import type { Application, Response } from "express";
import { matchMaker } from "colyseus";
import { parseLiveSnapshot, ROOM_PASSWORD_HEADER, type LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import type { Refusal } from "../limits/quotas.ts";
import type { MatchRoom } from "../rooms/MatchRoom.ts";
import { isRoomId } from "../../shared/roomId.ts";

/** Finds the match wherever it runs: the room cache (shared through the driver when scaled out)
 * says whether it exists; remoteRoomCall calls the room directly in this process, or over the
 * presence IPC channel when another process hosts it. */
async function fetchLiveSnapshot(roomId: string, password: string | undefined): Promise<LiveSnapshot | Refusal | null> {
  const listing = await matchMaker.getRoomById(roomId);
  if (!listing || listing.name !== MATCH_ROOM) return null;
  const reply: unknown = await matchMaker.remoteRoomCall<MatchRoom, "liveSnapshot">(roomId, "liveSnapshot", [password]);
  if (isRefusal(reply)) return { status: reply.status === 403 ? 403 : 404, message: String(reply.message).slice(0, 200) };
  // Across processes the reply is JSON from another machine's memory: check it like any wire input.
  return parseLiveSnapshot(reply);
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "status" in value && "message" in value;
}

function refuse(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

export function mountLiveApi(app: Application): void {
  app.get("/api/rooms/:roomId/live", async (req, res) => {
    // Read-only data, polled: never cached. Cross-origin reads follow REBOUND_CORS_ORIGINS (http/cors.ts).
    res.set("Cache-Control", "no-store");
    const roomId = String(req.params.roomId);
    if (!isRoomId(roomId)) {
      refuse(res, 400, "invalid room id");
      return;
    }
    try {
      const snapshot = await fetchLiveSnapshot(roomId, req.get(ROOM_PASSWORD_HEADER));
      if (!snapshot) refuse(res, 404, "no such match");
      else if (isRefusal(snapshot)) refuse(res, snapshot.status, snapshot.message);
      else res.json(snapshot);
    } catch {
      // The room disposed between the lookup and the call, or its process did not answer in time.
      refuse(res, 404, "no such match");
    }
  });
}
