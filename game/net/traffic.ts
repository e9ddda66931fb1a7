// Counts the real WebSocket frames and bytes a room sends and receives, as per-second rates for the network panel.
import { Protocol, type Room } from "@colyseus/sdk";

interface Counter {
  messages: number;
  bytes: number;
}

export interface TrafficRates {
  messagesUpPerSecond: number;
  bytesUpPerSecond: number;
  messagesDownPerSecond: number;
  bytesDownPerSecond: number;
  /** State patches (snapshots) received per second. */
  snapshotsPerSecond: number;
}

/** The low 5 bits of a frame's first byte hold its protocol code (PROTOCOL_CODE_MASK in @colyseus/shared-types). */
const PROTOCOL_CODE_MASK = 0x1f;

function frameLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "string") return data.length;
  return 0;
}

function firstByte(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength > 0 ? new Uint8Array(data)[0] : -1;
  if (data instanceof Uint8Array) return data.length > 0 ? data[0] : -1;
  return -1;
}

export class TrafficMeter {
  private up: Counter = { messages: 0, bytes: 0 };
  private down: Counter = { messages: 0, bytes: 0 };
  private snapshots = 0;
  private windowStart = performance.now();
  private last: TrafficRates = { messagesUpPerSecond: 0, bytesUpPerSecond: 0, messagesDownPerSecond: 0, bytesDownPerSecond: 0, snapshotsPerSecond: 0 };
  readonly totals: { up: Counter; down: Counter } = { up: { messages: 0, bytes: 0 }, down: { messages: 0, bytes: 0 } };

  /** Wraps the room's connection so every frame in either direction is counted (reconnects reuse it). */
  attach(room: Pick<Room, "connection">): void {
    const connection = room.connection;
    const send = connection.send.bind(connection);
    connection.send = (data: Uint8Array) => {
      this.count(this.up, this.totals.up, data.byteLength);
      send(data);
    };
    const events = connection.events;
    const onMessage = events.onmessage;
    events.onmessage = (event: MessageEvent) => {
      this.count(this.down, this.totals.down, frameLength(event.data));
      if ((firstByte(event.data) & PROTOCOL_CODE_MASK) === Protocol.ROOM_STATE_PATCH) this.snapshots += 1;
      return onMessage?.call(events, event);
    };
  }

  private count(window: Counter, total: Counter, bytes: number): void {
    window.messages += 1;
    window.bytes += bytes;
    total.messages += 1;
    total.bytes += bytes;
  }

  /** Rates over the last completed window of about one second. */
  rates(now = performance.now()): TrafficRates {
    const elapsed = (now - this.windowStart) / 1000;
    if (elapsed >= 1) {
      this.last = {
        messagesUpPerSecond: this.up.messages / elapsed,
        bytesUpPerSecond: this.up.bytes / elapsed,
        messagesDownPerSecond: this.down.messages / elapsed,
        bytesDownPerSecond: this.down.bytes / elapsed,
        snapshotsPerSecond: this.snapshots / elapsed,
      };
      this.up = { messages: 0, bytes: 0 };
      this.down = { messages: 0, bytes: 0 };
      this.snapshots = 0;
      this.windowStart = now;
    }
    return this.last;
  }
}
