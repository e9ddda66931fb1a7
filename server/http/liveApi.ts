// GET /api/rooms/<roomId>/live: one match's score, clock and ball as JSON, for pages that poll over plain HTTP.
import type { Application, Response } from "express";
import { matchMaker } from "colyseus";
import { parseLiveSnapshot, type LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import type { MatchRoom } from "../rooms/MatchRoom.ts";

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Finds the match wherever it runs: the room cache (shared through the driver when scaled out)
 * says whether it exists; remoteRoomCall calls the room directly in this process, or over the
 * presence IPC channel when another process hosts it. */
async function fetchLiveSnapshot(roomId: string): Promise<LiveSnapshot | null> {
  const listing = await matchMaker.getRoomById(roomId);
  if (!listing || listing.name !== MATCH_ROOM) return null;
  const reply: unknown = await matchMaker.remoteRoomCall<MatchRoom, "liveSnapshot">(roomId, "liveSnapshot");
  // Across processes the reply is JSON from another machine's memory: check it like any wire input.
  return parseLiveSnapshot(reply);
}

function refuse(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

export function mountLiveApi(app: Application): void {
  app.get("/api/rooms/:roomId/live", async (req, res) => {
    // Public, read-only data, polled: never cached, readable from the dev server's origin too.
    res.set("Cache-Control", "no-store");
    res.set("Access-Control-Allow-Origin", "*");
    const roomId = String(req.params.roomId);
    if (!ROOM_ID.test(roomId)) {
      refuse(res, 400, "invalid room id");
      return;
    }
    try {
      const snapshot = await fetchLiveSnapshot(roomId);
      if (snapshot) res.json(snapshot);
      else refuse(res, 404, "no such match");
    } catch {
      // The room disposed between the lookup and the call, or its process did not answer in time.
      refuse(res, 404, "no such match");
    }
  });
}
