// Live room list: a connection to the server's lobby room, which pushes every room change (no polling).
import { Client, type Room, type RoomAvailable } from "@colyseus/sdk";
import { LOBBY_ROOM, MATCH_ROOM, type RoomListingMetadata } from "../../shared/protocol.ts";
import { serverEndpoint } from "./endpoint.ts";

export interface ListedRoom {
  roomId: string;
  metadata: RoomListingMetadata;
}

function toListed(room: RoomAvailable<RoomListingMetadata>): ListedRoom | null {
  if (room.name !== MATCH_ROOM || !room.metadata) return null;
  return { roomId: room.roomId, metadata: room.metadata };
}

export class LobbyFeed {
  private readonly rooms = new Map<string, ListedRoom>();
  private room: Room | null = null;
  private closed = false;
  private readonly onChange: (rooms: ListedRoom[]) => void;

  constructor(onChange: (rooms: ListedRoom[]) => void) {
    this.onChange = onChange;
  }

  async open(): Promise<void> {
    const room = await new Client(serverEndpoint()).joinOrCreate(LOBBY_ROOM);
    if (this.closed) {
      void room.leave(true);
      return;
    }
    this.room = room;
    room.onMessage("rooms", (list: RoomAvailable<RoomListingMetadata>[]) => {
      this.rooms.clear();
      for (const item of list) {
        const listed = toListed(item);
        if (listed) this.rooms.set(listed.roomId, listed);
      }
      this.emit();
    });
    room.onMessage("+", ([roomId, item]: [string, RoomAvailable<RoomListingMetadata>]) => {
      const listed = toListed({ ...item, roomId });
      if (listed) this.rooms.set(roomId, listed);
      this.emit();
    });
    room.onMessage("-", (roomId: string) => {
      this.rooms.delete(roomId);
      this.emit();
    });
  }

  private emit(): void {
    this.onChange([...this.rooms.values()]);
  }

  close(): void {
    this.closed = true;
    void this.room?.leave(true);
    this.room = null;
  }
}
