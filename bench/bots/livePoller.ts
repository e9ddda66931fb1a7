// An HTTP client that polls GET /api/rooms/<roomId>/live at a fixed interval, as a polling page would, counting requests and socket bytes.
import { Agent, request } from "node:http";
import type { Socket } from "node:net";
import { livePath, parseLiveSnapshot, type LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { wallNow } from "../lib/wallClock.ts";

export interface PollWindow {
  intervalMs: number;
  requests: number;
  failures: number;
  /** Polls skipped because the previous request had not answered yet. */
  skipped: number;
  bytesDown: number;
  bytesUp: number;
}

const REQUEST_TIMEOUT_MS = 2000;

export class LivePoller {
  readonly intervalMs: number;
  private readonly url: URL;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly sockets = new Set<Socket>();
  private readonly onSnapshot: (receivedAt: number, snapshot: LiveSnapshot) => void;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  private stopAt = 0;
  private counters = { requests: 0, failures: 0, skipped: 0 };
  private bytesBase = { down: 0, up: 0 };

  constructor(endpoint: string, roomId: string, intervalMs: number, onSnapshot: (receivedAt: number, snapshot: LiveSnapshot) => void) {
    this.url = new URL(livePath(roomId), endpoint);
    this.intervalMs = intervalMs;
    this.onSnapshot = onSnapshot;
  }

  /** Polls every `intervalMs` until stop(), and never longer than `maxDurationMs`. */
  start(maxDurationMs: number): void {
    this.stopAt = wallNow() + maxDurationMs;
    this.poll();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.agent.destroy();
  }

  private poll(): void {
    if (wallNow() > this.stopAt) {
      this.stop();
      return;
    }
    if (this.inFlight) {
      this.counters.skipped += 1;
      return;
    }
    this.inFlight = true;
    this.counters.requests += 1;
    const req = request(this.url, { agent: this.agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        this.inFlight = false;
        const receivedAt = wallNow();
        let body: unknown = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          body = null;
        }
        const snapshot = res.statusCode === 200 ? parseLiveSnapshot(body) : null;
        if (snapshot) this.onSnapshot(receivedAt, snapshot);
        else this.counters.failures += 1;
      });
    });
    req.on("socket", (socket) => this.sockets.add(socket));
    req.on("timeout", () => req.destroy(new Error("poll timed out")));
    req.on("error", () => {
      this.inFlight = false;
      this.counters.failures += 1;
    });
    req.end();
  }

  private totals(): { down: number; up: number } {
    let down = 0;
    let up = 0;
    for (const socket of this.sockets) {
      down += socket.bytesRead;
      up += socket.bytesWritten;
    }
    return { down, up };
  }

  begin(): void {
    this.counters = { requests: 0, failures: 0, skipped: 0 };
    this.bytesBase = this.totals();
  }

  end(): PollWindow {
    const totals = this.totals();
    return {
      intervalMs: this.intervalMs,
      ...this.counters,
      bytesDown: totals.down - this.bytesBase.down,
      bytesUp: totals.up - this.bytesBase.up,
    };
  }
}
