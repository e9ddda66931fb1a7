// The compare page: one live match shown twice, fed by a WebSocket spectator connection (left) and by HTTP polling (right).
import { liveSnapshotOf, livePath } from "../../shared/liveSnapshot.ts";
import { LivePoller } from "../net/livePoller.ts";
import { SpectatorFeed } from "../net/spectator.ts";
import { el, setText } from "../ui/dom.ts";
import { explainer } from "./explainer.ts";
import { formatBytes, SideView } from "./sideView.ts";

/** What each side currently shows, for the browser tests and for debugging. */
export interface CompareSideView {
  tick: number;
  serverTime: number;
  scoreRed: number;
  scoreBlue: number;
  phase: string;
  ball: { x: number; y: number };
  stalenessMs: number;
  meanStalenessMs: number;
  updates: number;
  requests: number;
  bytesReceived: number;
  bytesSent: number;
}

export interface CompareDebugView {
  roomId: string;
  pollPeriodMs: number;
  /** Server time now as this page's WebSocket clock estimates it (0 without a WebSocket). */
  serverNow: number;
  ws: CompareSideView | null;
  http: CompareSideView | null;
  errors: { ws: string; http: string };
}

declare global {
  interface Window {
    reboundCompare?: () => CompareDebugView;
  }
}

const POLL_CHOICES: readonly { label: string; periodMs: number }[] = [
  { label: "manual", periodMs: 0 },
  { label: "every 1 s", periodMs: 1000 },
  { label: "every 250 ms", periodMs: 250 },
];
/** The numbers refresh this often (ms); the pitches and staleness bars every frame. */
const TEXT_REFRESH_MS = 100;

export function startComparePage(root: HTMLElement, roomId: string, endpoint: string): void {
  const path = livePath(roomId);
  const requested = Number(new URLSearchParams(location.search).get("poll") ?? "1000");
  const initialPeriod = POLL_CHOICES.some((choice) => choice.periodMs === requested) ? requested : 1000;
  let feed: SpectatorFeed | null = null;
  let wsError = "";

  const ws = new SideView("ws", "WebSocket: the server pushes",
    "One connection, opened once with an HTTP Upgrade and kept open. Each state patch arrives as soon as the server makes it.",
    "messages received");
  const http = new SideView("http", "HTTP polling: the page asks",
    `A new GET ${path} every interval; each answer is a whole JSON copy with headers.`, "last request took");
  const poller = new LivePoller(endpoint, roomId, (snapshot) => http.showData(snapshot));

  const refreshButton = el("button", { id: "poll-refresh", type: "button", text: "Refresh now" });
  refreshButton.addEventListener("click", () => void poller.refresh());
  const choices = POLL_CHOICES.map((choice) => {
    const input = el("input", { type: "radio", name: "poll", value: String(choice.periodMs), id: `poll-${choice.periodMs}` });
    input.checked = choice.periodMs === initialPeriod;
    input.addEventListener("change", () => {
      if (!input.checked) return;
      poller.setPeriod(choice.periodMs);
      http.how.textContent = choice.periodMs > 0
        ? `A new GET ${path} every ${choice.label.replace("every ", "")}; each answer is a whole JSON copy with headers.`
        : `A GET ${path} only when you press “Refresh now”; each answer is a whole JSON copy with headers.`;
    });
    return el("label", {}, input, choice.label);
  });
  const passwordBox = el("div", { class: "password", hidden: true },
    el("input", { id: "ws-password", type: "password", placeholder: "room password", autocomplete: "off" }),
    el("button", { id: "ws-password-join", type: "button", text: "Watch" }),
  );

  root.replaceChildren(
    el("header", { class: "compare-head" },
      el("h1", {}, "Rebound: ", el("span", { text: "WebSocket" }), " vs HTTP polling"),
      el("span", { class: "room", id: "compare-room", text: `room ${roomId}` }),
      el("a", { class: "back", href: `/r/${encodeURIComponent(roomId)}?spectate`, text: "Open the match" }),
    ),
    el("div", { class: "poll-controls" }, el("strong", { text: "Polling:" }), ...choices, refreshButton,
      el("span", { class: "help", text: "The WebSocket side needs no setting: the server decides when to send." })),
    el("div", { class: "sides" }, ws.root, http.root),
    explainer(path),
  );
  ws.root.append(passwordBox);

  const connect = (password?: string) => {
    wsError = "";
    setText(ws.error, "connecting…");
    SpectatorFeed.join(endpoint, roomId, password).then((joined) => {
      feed = joined;
      poller.password = password ?? "";
      passwordBox.hidden = true;
      setText(ws.error, "");
    }, (error: unknown) => {
      wsError = error instanceof Error ? error.message : String(error);
      const needsPassword = /password/i.test(wsError);
      passwordBox.hidden = !needsPassword;
      setText(ws.error, needsPassword ? "This room has a password: type it to watch over the WebSocket." : `Could not join: ${wsError}`);
    });
  };
  passwordBox.querySelector("button")?.addEventListener("click", () => {
    const input = passwordBox.querySelector("input");
    connect(input?.value ?? "");
  });
  connect();
  poller.setPeriod(initialPeriod);
  if (initialPeriod === 0) void poller.refresh();

  let lastWsUpdates = -1;
  let lastText = -Infinity;
  const httpStaleness = (): number | null => (feed && poller.latest ? Math.max(0, feed.serverNow() - poller.latest.serverTime) : null);

  const frame = () => {
    const now = performance.now();
    if (feed && feed.updates !== lastWsUpdates) {
      lastWsUpdates = feed.updates;
      ws.showData(liveSnapshotOf(roomId, feed.state, feed.dataServerTime()));
    }
    if (feed?.closedWith != null && !wsError) {
      wsError = `the connection closed (${feed.closedWith})`;
      setText(ws.error, "The match is over: the room closed.");
    }
    const wsStale = feed && feed.updates > 0 ? feed.staleness() : null;
    const httpStale = httpStaleness();
    if (wsStale !== null) ws.stats.add(now, wsStale);
    if (httpStale !== null) http.stats.add(now, httpStale);
    ws.showStaleness(wsStale);
    http.showStaleness(httpStale);
    ws.pitch.draw();
    http.pitch.draw();
    if (now - lastText >= TEXT_REFRESH_MS) {
      lastText = now;
      const totals = feed?.traffic.totals;
      ws.showText(wsStale, {
        updates: String(feed?.updates ?? 0),
        requests: "2 at join (matchmaking, Upgrade), then none",
        received: `${formatBytes(totals?.down.bytes ?? 0)} · ${formatBytes(ws.rate.update(now, totals?.down.bytes ?? 0))}/s`,
        sent: formatBytes(totals?.up.bytes ?? 0),
        extra: String(totals?.down.messages ?? 0),
      });
      http.showText(httpStale, {
        updates: String(poller.updates),
        requests: `${poller.requests}${poller.failures > 0 ? ` (${poller.failures} failed)` : ""}`,
        received: `${formatBytes(poller.bytesReceived)} · ${formatBytes(http.rate.update(now, poller.bytesReceived))}/s`,
        sent: `≥ ${formatBytes(poller.bytesSent)}`,
        extra: poller.requests > 0 ? `${Math.round(poller.lastRequestMs)} ms` : "—",
      });
      setText(http.error, poller.lastError ? `Last request failed: ${poller.lastError}` : "");
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  window.reboundCompare = () => {
    const wsSnapshot = feed ? liveSnapshotOf(roomId, feed.state, feed.dataServerTime()) : null;
    const latest = poller.latest;
    return {
      roomId,
      pollPeriodMs: poller.period,
      serverNow: feed ? feed.serverNow() : 0,
      ws: feed && wsSnapshot ? {
        tick: wsSnapshot.tick, serverTime: wsSnapshot.serverTime, scoreRed: wsSnapshot.scoreRed, scoreBlue: wsSnapshot.scoreBlue,
        phase: wsSnapshot.phase, ball: wsSnapshot.ball, stalenessMs: feed.staleness(), meanStalenessMs: ws.stats.mean,
        updates: feed.updates, requests: 0, bytesReceived: feed.traffic.totals.down.bytes, bytesSent: feed.traffic.totals.up.bytes,
      } : null,
      http: latest ? {
        tick: latest.tick, serverTime: latest.serverTime, scoreRed: latest.scoreRed, scoreBlue: latest.scoreBlue,
        phase: latest.phase, ball: latest.ball, stalenessMs: httpStaleness() ?? 0, meanStalenessMs: http.stats.mean,
        updates: poller.updates, requests: poller.requests, bytesReceived: poller.bytesReceived, bytesSent: poller.bytesSent,
      } : null,
      errors: { ws: wsError, http: poller.lastError },
    };
  };

  window.addEventListener("pagehide", () => {
    poller.stop();
    void feed?.leave();
  });
}
