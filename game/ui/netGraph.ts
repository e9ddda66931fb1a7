// A small rolling graph on a canvas (in the spirit of Source's net_graph): ping and frame time, one sample per frame.
import { el } from "./dom.ts";

const SAMPLES = 240;
const WIDTH = 280;
const HEIGHT = 56;
/** The vertical scale never shrinks below this (ms), so a quiet LAN still shows the 16.7 ms frame line. */
const MIN_SCALE_MS = 50;

export const GRAPH_COLOURS = { ping: "#4ade80", frame: "#facc15" } as const;

export class NetGraph {
  readonly canvas: HTMLCanvasElement;
  private readonly ping = new Float32Array(SAMPLES);
  private readonly frame = new Float32Array(SAMPLES);
  private next = 0;
  private count = 0;
  private readonly context: CanvasRenderingContext2D | null;
  /** Current top of the vertical scale (ms), for the legend. */
  scaleMs = MIN_SCALE_MS;

  constructor() {
    this.canvas = el("canvas", { id: "net-graph", width: String(WIDTH), height: String(HEIGHT), "aria-label": "ping and frame time graph" });
    this.context = this.canvas.getContext("2d");
  }

  push(pingMs: number, frameMs: number): void {
    this.ping[this.next] = pingMs;
    this.frame[this.next] = frameMs;
    this.next = (this.next + 1) % SAMPLES;
    this.count = Math.min(this.count + 1, SAMPLES);
  }

  draw(): void {
    const g = this.context;
    if (!g) return;
    let peak = 0;
    for (let i = 0; i < this.count; i++) peak = Math.max(peak, this.ping[i], this.frame[i]);
    this.scaleMs = Math.max(MIN_SCALE_MS, Math.ceil(peak / 50) * 50);
    const y = (ms: number) => HEIGHT - 1 - (Math.min(ms, this.scaleMs) / this.scaleMs) * (HEIGHT - 2);
    g.clearRect(0, 0, WIDTH, HEIGHT);
    g.fillStyle = "rgba(0, 0, 0, 0.35)";
    g.fillRect(0, 0, WIDTH, HEIGHT);
    // Reference lines: one frame at 60 Hz, and two (a dropped frame).
    g.strokeStyle = "rgba(255, 255, 255, 0.18)";
    g.lineWidth = 1;
    for (const ms of [1000 / 60, 2000 / 60]) {
      g.beginPath();
      g.moveTo(0, Math.round(y(ms)) + 0.5);
      g.lineTo(WIDTH, Math.round(y(ms)) + 0.5);
      g.stroke();
    }
    this.line(this.frame, GRAPH_COLOURS.frame, y);
    this.line(this.ping, GRAPH_COLOURS.ping, y);
  }

  private line(samples: Float32Array, colour: string, y: (ms: number) => number): void {
    const g = this.context;
    if (!g || this.count < 2) return;
    g.strokeStyle = colour;
    g.lineWidth = 1.5;
    g.beginPath();
    const first = (this.next - this.count + SAMPLES) % SAMPLES;
    const xStep = WIDTH / (SAMPLES - 1);
    const xStart = WIDTH - (this.count - 1) * xStep;
    for (let i = 0; i < this.count; i++) {
      const value = samples[(first + i) % SAMPLES];
      if (i === 0) g.moveTo(xStart, y(value));
      else g.lineTo(xStart + i * xStep, y(value));
    }
    g.stroke();
  }
}
