// What a room does with an exception it did not catch: the sender of a bad message leaves, nothing else stops.
import { OnMessageException, type RoomException, type RoomMethodName } from "colyseus";
import { CLOSE } from "../../shared/constants.ts";
import { serverLog } from "../log.ts";

/** A handler that throws costs only the client that sent the message, never the process: without
 * this hook the error escapes into the socket's emitter and the uncaught-exception handler stops
 * every room on the server. Errors from onAuth/onCreate/onJoin are rethrown to the joiner anyway. */
export function containRoomError(roomId: string, error: RoomException, methodName: RoomMethodName): void {
  if (error instanceof OnMessageException) {
    serverLog.error(`[match ${roomId}] a message handler threw; disconnecting its sender:`, error.cause ?? error);
    error.client.leave(CLOSE.badInput, "message rejected");
    return;
  }
  if (methodName === "onAuth" || methodName === "onCreate" || methodName === "onJoin") return;
  serverLog.error(`[match ${roomId}] ${methodName} threw:`, error.cause ?? error);
}
