// Counts the bytes a WebSocket really moved on its TCP socket (frames with their headers, pings, pongs) for per-client bandwidth.
import { Socket } from "node:net";
import WebSocket from "ws";

export class WireMeter {
  private readonly socket: Socket;
  private readBase = 0;
  private writtenBase = 0;

  private constructor(socket: Socket) {
    this.socket = socket;
  }

  /** The meter of an open `ws` client. Why `_socket`: `ws` exposes no public handle to its TCP socket,
   * and its byte counters are the only way to count framing and control frames exactly. */
  static of(ws: WebSocket): WireMeter {
    const socket: unknown = Reflect.get(ws, "_socket");
    if (!(socket instanceof Socket)) throw new Error("this WebSocket has no TCP socket to meter");
    return new WireMeter(socket);
  }

  /** Starts a new measuring window at the current totals. */
  mark(): void {
    this.readBase = this.socket.bytesRead;
    this.writtenBase = this.socket.bytesWritten;
  }

  get bytesDown(): number {
    return this.socket.bytesRead - this.readBase;
  }

  get bytesUp(): number {
    return this.socket.bytesWritten - this.writtenBase;
  }
}
