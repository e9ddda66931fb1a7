// The network round trip shown as "ping": the SDK's protocol ping, sent between frames, lowest recent reply.
import type { Room } from "@colyseus/sdk";

/** Protocol pings every this many ms; the ping shown is the lowest of the last WINDOW replies. */
const INTERVAL_MS = 2000;
const WINDOW = 3;

/**
 * Not the room clock's input round trip: that also counts the frame an input waited for and the
 * server's input queue (360–457 ms on loopback at 3–6 fps). Pings leave right after a frame is drawn and
 * the lowest recent reply is shown, so a reply that waited behind a long frame is not counted as network.
 */
export class NetworkPing {
  private samples: number[] = [];
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private readonly room: Room;

  constructor(room: Room) {
    this.room = room;
  }

  /** Round trip in ms (0 before the first reply). */
  get rtt(): number {
    return this.samples.length > 0 ? Math.min(...this.samples) : 0;
  }

  /** Call once per frame: every INTERVAL_MS a ping leaves once this frame's rendering is done. */
  afterFrame(now: number): void {
    if (this.stopped || now - this.lastSentAt < INTERVAL_MS) return;
    this.lastSentAt = now;
    // A zero timeout runs after this frame's rendering task, when the main thread is free to read the reply.
    setTimeout(() => {
      if (this.stopped) return;
      this.room.ping((ms) => {
        this.samples.push(ms);
        if (this.samples.length > WINDOW) this.samples.shift();
      });
    }, 0);
  }

  /** Start afresh (the simulated bad network changed) and ask at once. */
  reset(): void {
    this.samples = [];
    this.lastSentAt = Number.NEGATIVE_INFINITY;
  }

  stop(): void {
    this.stopped = true;
  }
}
