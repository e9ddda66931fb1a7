// Test helper: reaches into rooms hosted by this test process (in-process server) to find them or cut a client's socket.
import { matchMaker } from "colyseus";
import type { MatchRoom } from "../../server/rooms/MatchRoom.ts";

export function serverRoom(roomId: string): MatchRoom {
  const room = matchMaker.getLocalRoomById(roomId);
  if (!room) throw new Error(`room ${roomId} is not on this process`);
  return room as MatchRoom;
}

/** Cuts a client's socket from the server side with no close handshake: the client sees 1006. */
export function dropSocket(roomId: string, sessionId: string): void {
  const ref = serverRoom(roomId).clients.getById(sessionId)?.ref as { terminate?: () => void } | undefined;
  if (!ref?.terminate) throw new Error("no socket to drop");
  ref.terminate();
}
