// One half of the compare page (DOM): title, score line, pitch, how stale the data is, and what it cost.
import type { LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { el, setText } from "../ui/dom.ts";
import { PitchView } from "./pitchView.ts";
import { RollingStats } from "./rollingStats.ts";

/** Staleness averages cover this window (ms). */
const STATS_WINDOW_MS = 3000;
/** The staleness bar is full at this age (ms). */
const BAR_FULL_MS = 1500;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${Math.round(bytes)} B`;
}

function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Bytes per second from a running total, over windows of about a second. */
export class RateOf {
  private at = performance.now();
  private total = 0;
  perSecond = 0;
  update(now: number, total: number): number {
    if (now - this.at >= 1000) {
      this.perSecond = ((total - this.total) * 1000) / (now - this.at);
      this.at = now;
      this.total = total;
    }
    return this.perSecond;
  }
}

/** One half of the page: title, score line, pitch, staleness and cost. */
export class SideView {
  readonly root: HTMLElement;
  readonly pitch: PitchView;
  readonly stats = new RollingStats(STATS_WINDOW_MS);
  readonly rate = new RateOf();
  readonly error: HTMLElement;
  private readonly red = el("span", { class: "red", text: "–" });
  private readonly blue = el("span", { class: "blue", text: "–" });
  private readonly clock = el("span", { class: "clock", text: "waiting for data" });
  private readonly staleNow: HTMLElement;
  private readonly staleBar = el("div");
  private readonly staleDetail = el("span", { class: "label" });
  private readonly cells: Record<"updates" | "requests" | "received" | "sent" | "extra", HTMLElement>;
  readonly how: HTMLElement;

  constructor(kind: "ws" | "http", title: string, how: string, extraLabel: string) {
    this.pitch = new PitchView(`${kind}-pitch`, kind === "ws" ? "#4ade80" : "#f59e0b");
    this.staleNow = el("span", { class: "big", id: `${kind}-stale`, text: "—" });
    this.error = el("p", { class: "error", id: `${kind}-error` });
    this.how = el("p", { class: "how", text: how });
    const cell = (name: string) => el("dd", { id: `${kind}-${name}`, text: "0" });
    this.cells = { updates: cell("updates"), requests: cell("requests"), received: cell("received"), sent: cell("sent"), extra: cell("extra") };
    this.root = el("section", { class: `side ${kind}`, id: `${kind}-side` },
      el("h2", { text: title }),
      this.how,
      el("div", { class: "scoreline", id: `${kind}-score` }, this.red, this.clock, this.blue),
      this.pitch.canvas,
      el("div", { class: "stale" }, this.staleNow, el("span", { class: "label", text: "stale now" }), this.staleDetail),
      el("div", { class: "stale-bar" }, this.staleBar),
      el("dl", {},
        el("dt", { text: "updates received" }), this.cells.updates,
        el("dt", { text: "HTTP requests made" }), this.cells.requests,
        el("dt", { text: "bytes received" }), this.cells.received,
        el("dt", { text: "bytes sent" }), this.cells.sent,
        el("dt", { text: extraLabel }), this.cells.extra,
      ),
      this.error,
    );
  }

  showData(snapshot: LiveSnapshot): void {
    setText(this.red, String(snapshot.scoreRed));
    setText(this.blue, String(snapshot.scoreBlue));
    setText(this.clock, `${formatClock(snapshot.clockSeconds)} · ${snapshot.phase}`);
    this.pitch.setBall(snapshot.ball.x, snapshot.ball.y);
  }

  showStaleness(ms: number | null): void {
    this.staleBar.style.width = ms === null ? "0" : `${Math.min(100, (ms / BAR_FULL_MS) * 100).toFixed(1)}%`;
  }

  showText(stalenessMs: number | null, figures: { updates: string; requests: string; received: string; sent: string; extra: string }): void {
    setText(this.staleNow, stalenessMs === null ? "—" : `${Math.round(stalenessMs)} ms`);
    setText(this.staleDetail, stalenessMs === null ? "" : `· mean ${Math.round(this.stats.mean)} ms, max ${Math.round(this.stats.max)} ms over ${STATS_WINDOW_MS / 1000} s`);
    setText(this.cells.updates, figures.updates);
    setText(this.cells.requests, figures.requests);
    setText(this.cells.received, figures.received);
    setText(this.cells.sent, figures.sent);
    setText(this.cells.extra, figures.extra);
  }
}
