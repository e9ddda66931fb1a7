// GET /api/rooms/<roomId>/card: what a share link's join card shows before joining (see rooms/joinCard.ts).
import type { Application } from "express";
import { matchMaker } from "colyseus";
import { MATCH_ROOM, type JoinCardInfo } from "../../shared/protocol.ts";
import type { MatchRoom } from "../rooms/MatchRoom.ts";
import { isRoomId } from "../../shared/roomId.ts";

export function mountRoomCard(app: Application): void {
  app.get("/api/rooms/:roomId/card", async (req, res) => {
    res.set("Cache-Control", "no-store");
    const roomId = String(req.params.roomId);
    if (!isRoomId(roomId)) {
      res.status(400).json({ error: "invalid room id" });
      return;
    }
    try {
      const listing = await matchMaker.getRoomById(roomId);
      if (!listing || listing.name !== MATCH_ROOM) throw new Error("no such room");
      const card: JoinCardInfo = await matchMaker.remoteRoomCall<MatchRoom, "joinCard">(roomId, "joinCard");
      res.json(card);
    } catch {
      res.status(404).json({ error: "That room does not exist any more" });
    }
  });
}
