// The one client-to-server message send: its name and payload typed by the message table (shared/protocol.ts CLIENT_MESSAGES).
import type { Room } from "@colyseus/sdk";
import type { ClientMessageName, ClientPayload } from "../../shared/protocol.ts";

export function send<K extends ClientMessageName>(room: Room, name: K, payload: ClientPayload<K>): void {
  room.send(name, payload);
}
