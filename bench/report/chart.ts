// Draws the run's chart as a hand-written SVG: capacity (server CPU vs bots), bandwidth per client, and live-score staleness per feed.
import type { BenchResults, CapacityFigures } from "./resultTypes.ts";

const WIDTH = 1200;
const HEIGHT = 380;
const PANEL = { width: 360, height: 260, top: 70 };
const COLOURS = { rebound: "#2f7de1", baseline: "#e0742f", target: "#2a9d4b", grid: "#d8dde3", text: "#1d2733" };

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function text(x: number, y: number, content: string, options: { size?: number; anchor?: string; weight?: string; fill?: string } = {}): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${options.size ?? 12}" text-anchor="${options.anchor ?? "start"}" `
    + `font-weight="${options.weight ?? "normal"}" fill="${options.fill ?? COLOURS.text}">${escape(content)}</text>`;
}

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Axes with four grid lines; returns the mapping from data to pixels. */
function frame(left: number, title: string, yLabel: string, yMax: number): { parts: string[]; y: (v: number) => number; bottom: number } {
  const bottom = PANEL.top + PANEL.height;
  const parts = [text(left, PANEL.top - 30, title, { size: 14, weight: "bold" }), text(left, PANEL.top - 12, yLabel, { size: 11 })];
  for (let i = 0; i <= 4; i++) {
    const value = (yMax * i) / 4;
    const y = bottom - (PANEL.height * i) / 4;
    parts.push(`<line x1="${left}" x2="${left + PANEL.width}" y1="${y}" y2="${y}" stroke="${COLOURS.grid}"/>`);
    parts.push(text(left - 6, y + 4, String(Math.round(value * 10) / 10), { size: 10, anchor: "end" }));
  }
  return { parts, y: (v: number) => bottom - (Math.min(v, yMax) / yMax) * PANEL.height, bottom };
}

function capacityPanel(left: number, rebound: CapacityFigures, baseline: CapacityFigures): string[] {
  const all = [...rebound.steps, ...baseline.steps];
  const xMax = niceMax(Math.max(...all.map((s) => s.bots), 8));
  const yMax = niceMax(Math.max(100, ...all.map((s) => s.serverCpuPercent)));
  const { parts, y, bottom } = frame(left + 40, "Capacity: server CPU vs bots", "% of one core (line: one core)", yMax);
  const x = (v: number): number => left + 40 + (v / xMax) * PANEL.width;
  parts.push(`<line x1="${x(0)}" x2="${x(xMax)}" y1="${y(100)}" y2="${y(100)}" stroke="${COLOURS.target}" stroke-dasharray="6 4"/>`);
  for (const [name, figures] of [["rebound", rebound], ["baseline", baseline]] as const) {
    const points = figures.steps.map((s) => `${x(s.bots).toFixed(1)},${y(s.serverCpuPercent).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="${COLOURS[name]}" stroke-width="2.5"/>`);
    for (const s of figures.steps) {
      parts.push(`<circle cx="${x(s.bots).toFixed(1)}" cy="${y(s.serverCpuPercent).toFixed(1)}" r="4" fill="${s.held ? COLOURS[name] : "#fff"}" stroke="${COLOURS[name]}" stroke-width="2"/>`);
    }
  }
  parts.push(`<rect x="${left + 52}" y="${PANEL.top + 8}" width="12" height="3" fill="${COLOURS.rebound}"/>`, text(left + 68, PANEL.top + 13, "Rebound", { size: 10 }));
  parts.push(`<rect x="${left + 52}" y="${PANEL.top + 22}" width="12" height="3" fill="${COLOURS.baseline}"/>`, text(left + 68, PANEL.top + 27, "naive baseline", { size: 10 }));
  for (let i = 0; i <= 4; i++) parts.push(text(x((xMax * i) / 4), bottom + 16, String((xMax * i) / 4), { size: 10, anchor: "middle" }));
  parts.push(text(x(xMax / 2), bottom + 32, "bots (hollow: step not held)", { size: 11, anchor: "middle" }));
  return parts;
}

function barPanel(left: number, title: string, yLabel: string, bars: { label: string; value: number; colour: string }[], target: number | null): string[] {
  const yMax = niceMax(Math.max(target ?? 0, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0))));
  const { parts, y, bottom } = frame(left + 40, title, yLabel, yMax);
  const slot = PANEL.width / bars.length;
  bars.forEach((bar, i) => {
    const x = left + 40 + slot * i + slot * 0.2;
    const value = Number.isFinite(bar.value) ? bar.value : 0;
    parts.push(`<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${(bottom - y(value)).toFixed(1)}" fill="${bar.colour}"/>`);
    parts.push(text(x + slot * 0.3, y(value) - 4, String(Math.round(value)), { size: 10, anchor: "middle" }));
    parts.push(text(x + slot * 0.3, bottom + 16, bar.label, { size: 10, anchor: "middle" }));
  });
  if (target !== null) {
    parts.push(`<line x1="${left + 40}" x2="${left + 40 + PANEL.width}" y1="${y(target)}" y2="${y(target)}" stroke="${COLOURS.target}" stroke-dasharray="6 4"/>`);
    parts.push(text(left + 40 + PANEL.width, y(target) - 4, "target", { size: 10, anchor: "end", fill: COLOURS.target }));
  }
  return parts;
}

export function renderChart(results: BenchResults): string {
  const { capacity, baseline, bandwidth, liveScore } = results;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    text(20, 22, `Rebound vs naive baseline — ${results.runId} (${results.mode})`, { size: 15, weight: "bold" }),
    ...capacityPanel(0, capacity, baseline.capacity),
    ...barPanel(400, "Download per client (4v4)", "bytes/s (line: 3 KB/s target)", [
      { label: "Rebound", value: bandwidth.bytesDownPerClientPerSecond, colour: COLOURS.rebound },
      { label: "baseline", value: baseline.bandwidth.bytesDownPerClientPerSecond, colour: COLOURS.baseline },
      { label: "Rebound up", value: bandwidth.bytesUpPerClientPerSecond, colour: COLOURS.rebound },
      { label: "baseline up", value: baseline.bandwidth.bytesUpPerClientPerSecond, colour: COLOURS.baseline },
    ], 3 * 1024),
    ...barPanel(800, "Live score: age of what is shown", "ms, median", liveScore.feeds.map((feed) => ({
      label: feed.feed, value: feed.shownAgeMs.p50, colour: feed.pollIntervalMs === null ? COLOURS.rebound : "#8a94a3",
    })), null),
    "</svg>",
  ];
  return `${parts.join("\n")}\n`;
}
