// The in-match network panel (DOM, toggled by N or its button): ping, jitter, rates, corrections, protocol, a rolling graph, and the bad-network switch.
import type { BadNetworkSettings, NetworkConditioner } from "../net/badNetwork.ts";
import { BAD_NETWORK_LIMITS } from "../net/badNetwork.ts";
import type { DrawnLag } from "../net/drawnState.ts";
import type { TrafficRates } from "../net/traffic.ts";
import { el, overlay, setText } from "./dom.ts";
import { GRAPH_COLOURS, NetGraph } from "./netGraph.ts";
import "./netPanel.css";

/** What the panel reads from the match connection (MatchConnection satisfies it). */
export interface NetPanelSource {
  readonly roomId: string;
  readonly state: { tick: number };
  readonly clock: { rtt: number; jitter: number; serverNow: number; lastServerTime: number };
  readonly protocol: string;
  readonly traffic: { rates(now?: number): TrafficRates };
  readonly corrections: number;
  readonly lastCorrectionSize: number;
  readonly conditioner: NetworkConditioner;
  /** Measured from what the scene drew (null while nothing remote moves). */
  readonly drawn: { lag(): DrawnLag | null };
}

/** Text refreshes this often (ms); the graph takes a sample every frame. */
const TEXT_REFRESH_MS = 250;

function formatBytes(perSecond: number): string {
  return perSecond >= 1024 ? `${(perSecond / 1024).toFixed(2)} KB/s` : `${Math.round(perSecond)} B/s`;
}

function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** A value with the raw number in data-value (for tests and tools) and formatted text. */
function valueCell(id: string): HTMLElement {
  return el("span", { id, class: "net-value", "data-value": "0", text: "—" });
}

function show(cell: HTMLElement, value: number, text: string): void {
  const raw = String(Math.round(value * 100) / 100);
  if (cell.dataset.value !== raw) cell.dataset.value = raw;
  setText(cell, text);
}

export class NetPanel {
  private readonly source: NetPanelSource;
  private readonly root: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly toggleButton: HTMLButtonElement;
  private readonly compareLink: HTMLAnchorElement;
  private readonly badge = el("span", { class: "net-sim-badge", id: "net-sim-badge", hidden: true });
  private readonly graph = new NetGraph();
  private readonly graphScale = el("span", { id: "net-graph-scale" });
  private readonly cells = {
    ping: valueCell("net-ping"),
    jitter: valueCell("net-jitter"),
    tick: valueCell("net-tick"),
    snapshots: valueCell("net-snapshots"),
    down: valueCell("net-down"),
    up: valueCell("net-up"),
    corrections: valueCell("net-corrections"),
    interpolation: valueCell("net-interp"),
    protocol: valueCell("net-protocol"),
    connected: valueCell("net-connected"),
    fps: valueCell("net-fps"),
  };
  private readonly simInputs: { enabled: HTMLInputElement; delayMs: HTMLInputElement; jitterMs: HTMLInputElement; lossPercent: HTMLInputElement };
  private readonly connectedAt = performance.now();
  private lastText = -Infinity;
  private lastFrameAt = 0;
  private window = { at: performance.now(), corrections: 0, frames: 0 };
  private frames = 0;
  private fps = 0;
  /** Server tick and TIMED stamp of a past patch: the tick rate is measured on the server's own clock. */
  private tickMark = { tick: 0, serverTime: 0 };
  private tickRate = 0;
  private correctionRate = 0;

  constructor(source: NetPanelSource) {
    this.source = source;
    this.window = { at: performance.now(), corrections: source.corrections, frames: 0 };
    this.toggleButton = el("button", { id: "net-toggle", type: "button", "aria-expanded": "false", title: "Network panel (N)", text: "Network (N)" });
    this.toggleButton.addEventListener("click", () => this.toggle());
    this.compareLink = el("a", {
      id: "compare-link", href: `/compare/${encodeURIComponent(source.roomId)}`, target: "_blank", rel: "noopener",
      title: "This match fed by WebSocket and by HTTP polling, side by side", text: "WebSocket vs HTTP ↗",
    });
    const closeButton = el("button", { class: "net-close", type: "button", "aria-label": "close", text: "×" });
    closeButton.addEventListener("click", () => this.toggle(false));
    this.simInputs = {
      enabled: el("input", { id: "net-sim-enabled", type: "checkbox" }),
      delayMs: el("input", { id: "net-sim-delay", type: "range", min: "0", max: String(BAD_NETWORK_LIMITS.delayMs), step: "10" }),
      jitterMs: el("input", { id: "net-sim-jitter", type: "range", min: "0", max: String(BAD_NETWORK_LIMITS.jitterMs), step: "5" }),
      lossPercent: el("input", { id: "net-sim-loss", type: "range", min: "0", max: String(BAD_NETWORK_LIMITS.lossPercent), step: "1" }),
    };
    const simValues = {
      delayMs: el("span", { id: "net-sim-delay-value" }),
      jitterMs: el("span", { id: "net-sim-jitter-value" }),
      lossPercent: el("span", { id: "net-sim-loss-value" }),
    };
    const current = source.conditioner.current;
    this.simInputs.enabled.checked = current.enabled;
    this.simInputs.delayMs.value = String(current.delayMs);
    this.simInputs.jitterMs.value = String(current.jitterMs);
    this.simInputs.lossPercent.value = String(current.lossPercent);
    const applySim = () => {
      const settings: BadNetworkSettings = {
        enabled: this.simInputs.enabled.checked,
        delayMs: Number(this.simInputs.delayMs.value),
        jitterMs: Number(this.simInputs.jitterMs.value),
        lossPercent: Number(this.simInputs.lossPercent.value),
      };
      source.conditioner.configure(settings);
      setText(simValues.delayMs, `${settings.delayMs} ms`);
      setText(simValues.jitterMs, `±${settings.jitterMs} ms`);
      setText(simValues.lossPercent, `${settings.lossPercent} %`);
      this.updateBadge();
    };
    for (const input of Object.values(this.simInputs)) {
      input.addEventListener("input", applySim);
      // Arrow keys on a focused slider must not also steer the player…
      input.addEventListener("keydown", (event) => event.stopPropagation());
      input.addEventListener("keyup", (event) => event.stopPropagation());
      // …and after a click or drag the keys go back to the game.
      input.addEventListener("pointerup", () => input.blur());
    }
    const row = (label: string, ...parts: (HTMLElement | string)[]) => [el("dt", { text: label }), el("dd", {}, ...parts)];
    const slider = (label: string, input: HTMLInputElement, value: HTMLElement) =>
      el("label", { class: "net-slider" }, el("span", { text: label }), input, value);
    this.panel = el("section", { class: "net-panel", id: "net-panel", hidden: true, "aria-label": "network panel" },
      el("header", {}, el("strong", { text: "Network" }), this.cells.protocol,
        el("span", { class: "net-uptime", title: "time connected" }, "up ", this.cells.connected), closeButton),
      el("dl", {},
        ...row("ping", this.cells.ping, " · jitter ", this.cells.jitter),
        ...row("server", this.cells.tick, " · ", this.cells.snapshots),
        ...row("down", this.cells.down),
        ...row("up", this.cells.up),
        ...row("corrections", this.cells.corrections),
        ...row("interp delay", this.cells.interpolation),
        ...row("frames", this.cells.fps),
      ),
      this.graph.canvas,
      el("div", { class: "net-legend" },
        el("span", { class: "swatch", style: `background:${GRAPH_COLOURS.ping}` }), "ping ",
        el("span", { class: "swatch", style: `background:${GRAPH_COLOURS.frame}` }), "frame time ",
        this.graphScale,
      ),
      el("fieldset", { class: "net-sim" },
        el("legend", {}, el("label", { class: "inline" }, this.simInputs.enabled, "Try a bad network (this browser only)")),
        slider("delay", this.simInputs.delayMs, simValues.delayMs),
        slider("jitter", this.simInputs.jitterMs, simValues.jitterMs),
        slider("loss", this.simInputs.lossPercent, simValues.lossPercent),
        el("details", { class: "help" },
          el("summary", { text: "What does this do?" }),
          el("p", { text: "Adds the delay to every frame both ways, in this browser only. A WebSocket runs on TCP, which never drops a frame: a lost one is resent ~200 ms later and holds back the frames behind it, so loss feels like a stall, then a burst." }),
        ),
      ),
    );
    this.root = el("div", { class: "net-dock", id: "net-dock" },
      this.panel,
      el("div", { class: "net-bar" }, this.badge, this.compareLink, this.toggleButton),
    );
    applySim();
    window.addEventListener("keydown", this.onKey);
    // The HUD keeps a place for the panel beside the pitch; without a HUD it floats over the page.
    (document.getElementById("net-dock-slot") ?? overlay()).append(this.root);
  }

  get visible(): boolean {
    return !this.panel.hidden;
  }

  toggle(open = !this.visible): void {
    this.panel.hidden = !open;
    this.toggleButton.setAttribute("aria-expanded", String(open));
    this.toggleButton.classList.toggle("active", open);
    // In a scrolling side column the panel may open below the fold: bring it into view.
    if (open) this.panel.scrollIntoView({ block: "nearest" });
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.code !== "KeyN" || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    this.toggle();
  };

  /** Once per rendered frame, after drawing. Frame time is measured here between two calls, on
   * performance.now(): the engine's delta is smoothed and capped, which would hide real hitches. */
  update(_frameTime: number, _engineDeltaMs: number): void {
    const now = performance.now();
    const frameMs = this.lastFrameAt > 0 ? now - this.lastFrameAt : 0;
    this.lastFrameAt = now;
    this.frames += 1;
    // The connection's RTT: the input round trip, or a protocol ping for spectators (who send no input).
    const pingMs = this.source.clock.rtt;
    this.graph.push(pingMs, frameMs);
    if (!this.visible) return;
    this.graph.draw();
    if (now - this.lastText < TEXT_REFRESH_MS) return;
    this.lastText = now;
    this.refreshText(now, pingMs);
  }

  private refreshText(now: number, pingMs: number): void {
    const { source, cells } = this;
    const clock = source.clock;
    const elapsed = (now - this.window.at) / 1000;
    if (elapsed >= 1) {
      this.correctionRate = (source.corrections - this.window.corrections) / elapsed;
      this.fps = (this.frames - this.window.frames) / elapsed;
      this.window = { at: now, corrections: source.corrections, frames: this.frames };
    }
    // Ticks between two patches over the server time between them: immune to arrival jitter and to the bad-network switch.
    const serverSpan = clock.lastServerTime - this.tickMark.serverTime;
    if (this.tickMark.serverTime === 0 || serverSpan < 0) this.tickMark = { tick: source.state.tick, serverTime: clock.lastServerTime };
    else if (serverSpan >= 1000) {
      this.tickRate = ((source.state.tick - this.tickMark.tick) * 1000) / serverSpan;
      this.tickMark = { tick: source.state.tick, serverTime: clock.lastServerTime };
    }
    const rates = source.traffic.rates();
    show(cells.ping, pingMs, `${Math.round(pingMs)} ms`);
    cells.ping.title = "network round trip: the lowest of the last protocol pings, sent between frames";
    show(cells.jitter, clock.jitter, `${clock.jitter.toFixed(1)} ms`);
    show(cells.tick, this.tickRate, `${Math.round(this.tickRate)} ticks/s`);
    show(cells.snapshots, rates.snapshotsPerSecond, `${rates.snapshotsPerSecond.toFixed(1)} snap/s`);
    show(cells.down, rates.bytesDownPerSecond, `${Math.round(rates.messagesDownPerSecond)} msg/s · ${formatBytes(rates.bytesDownPerSecond)}`);
    show(cells.up, rates.bytesUpPerSecond, `${Math.round(rates.messagesUpPerSecond)} msg/s · ${formatBytes(rates.bytesUpPerSecond)}`);
    cells.down.dataset.messages = String(Math.round(rates.messagesDownPerSecond));
    cells.up.dataset.messages = String(Math.round(rates.messagesUpPerSecond));
    show(cells.corrections, this.correctionRate,
      `${this.correctionRate.toFixed(1)} /s · last ${source.lastCorrectionSize.toFixed(1)} px`);
    const snapshotAge = clock.lastServerTime > 0 ? Math.max(0, clock.serverNow - clock.lastServerTime) : 0;
    // Measured, not the configured constant: how far in the past (on the server's clock) the moving ball and players were drawn.
    const lag = source.drawn.lag();
    if (lag) {
      show(cells.interpolation, lag.behindServerMs,
        `${Math.round(lag.behindServerMs)} ms in the past · ${Math.round(lag.behindNewestSnapshotMs)} ms behind the newest snapshot (${Math.round(snapshotAge)} ms old)`);
    } else {
      setText(cells.interpolation, `— (nothing moving) · snapshot ${Math.round(snapshotAge)} ms old`);
    }
    show(cells.protocol, source.protocol === "wss://" ? 1 : 0, source.protocol);
    cells.protocol.classList.toggle("secure", source.protocol === "wss://");
    show(cells.fps, this.fps, `${Math.round(this.fps)} fps · ${this.fps > 0 ? (1000 / this.fps).toFixed(1) : "—"} ms`);
    show(cells.connected, (now - this.connectedAt) / 1000, formatDuration(now - this.connectedAt));
    setText(this.graphScale, `· scale 0–${this.graph.scaleMs} ms`);
    this.updateBadge();
  }

  private updateBadge(): void {
    const sim = this.source.conditioner.current;
    const stats = this.source.conditioner.stats;
    this.badge.hidden = !sim.enabled;
    this.root.classList.toggle("simulating", sim.enabled);
    if (sim.enabled) {
      setText(this.badge, `Bad network ON: +${sim.delayMs} ms ±${sim.jitterMs} ms, ${sim.lossPercent} % loss · ${stats.retransmits} resent`);
    }
  }

  destroy(): void {
    window.removeEventListener("keydown", this.onKey);
    this.root.remove();
  }
}
