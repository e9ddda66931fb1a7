// HTTP polling of GET /api/rooms/<id>/live: asks again and again (manually, every 1 s or every 250 ms) and counts what it costs.
import { livePath, parseLiveSnapshot, ROOM_PASSWORD_HEADER, type LiveSnapshot } from "../../shared/liveSnapshot.ts";

/** Polling period in ms; 0 means only when asked (the "refresh" button). */
export type PollPeriod = number;

/** Bytes of a response as it crossed the wire, minus what fetch() hides: status line, headers, body. */
function responseBytes(response: Response, bodyBytes: number): number {
  let bytes = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`.length + 2;
  response.headers.forEach((value, name) => { bytes += name.length + 2 + value.length + 2; });
  return bytes + bodyBytes;
}

/** A lower bound on the request's bytes: the request line and the headers every browser sends.
 * Browsers add more (Accept-Language, Sec-Fetch-*, cookies…) that a page cannot see. */
function requestBytes(url: URL): number {
  const userAgent = typeof navigator === "undefined" ? "" : navigator.userAgent;
  return `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: ${userAgent}\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n`.length;
}

export class LivePoller {
  requests = 0;
  /** Answers that carried a snapshot. */
  updates = 0;
  failures = 0;
  bytesReceived = 0;
  bytesSent = 0;
  /** Time the last answer took, request to parsed body (ms). */
  lastRequestMs = 0;
  lastError = "";
  latest: LiveSnapshot | null = null;
  /** A password room's live view needs its password (sent as a header). */
  password = "";
  private readonly url: URL;
  private periodMs: PollPeriod = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<LiveSnapshot | null> | null = null;
  private stopped = false;
  private readonly onSnapshot: (snapshot: LiveSnapshot) => void;

  constructor(endpoint: string, roomId: string, onSnapshot: (snapshot: LiveSnapshot) => void = () => undefined) {
    this.url = new URL(livePath(roomId), endpoint);
    this.onSnapshot = onSnapshot;
  }

  get period(): PollPeriod {
    return this.periodMs;
  }

  /** Starts polling every `periodMs` (0 stops the timer: manual refresh only). */
  setPeriod(periodMs: PollPeriod): void {
    this.periodMs = Math.max(0, periodMs);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.periodMs > 0 && !this.stopped) this.schedule(0);
  }

  /** One request now (the refresh button); joins the one in flight instead of overlapping it. */
  refresh(): Promise<LiveSnapshot | null> {
    this.inFlight ??= this.fetchOnce().finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const startedAt = performance.now();
      void this.refresh().then(() => {
        if (this.stopped || this.periodMs <= 0 || this.timer !== null) return;
        // Requests start one period apart; a slow answer delays the next one, never overlaps it.
        this.schedule(Math.max(0, startedAt + this.periodMs - performance.now()));
      });
    }, delayMs);
  }

  private async fetchOnce(): Promise<LiveSnapshot | null> {
    const startedAt = performance.now();
    this.requests += 1;
    this.bytesSent += requestBytes(this.url);
    try {
      const headers: Record<string, string> = this.password ? { [ROOM_PASSWORD_HEADER]: this.password } : {};
      const response = await fetch(this.url, { cache: "no-store", headers });
      const body = new Uint8Array(await response.arrayBuffer());
      this.bytesReceived += responseBytes(response, body.byteLength);
      this.lastRequestMs = performance.now() - startedAt;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const snapshot = parseLiveSnapshot(JSON.parse(new TextDecoder().decode(body)) as unknown);
      if (!snapshot) throw new Error("the answer was not a live snapshot");
      this.updates += 1;
      this.latest = snapshot;
      this.lastError = "";
      this.onSnapshot(snapshot);
      return snapshot;
    } catch (error) {
      this.failures += 1;
      this.lastError = error instanceof Error ? error.message : String(error);
      return null;
    }
  }
}
