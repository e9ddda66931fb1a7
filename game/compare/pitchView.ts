// A small pitch on a plain 2D canvas (no Phaser): field lines, both goals, the ball where the data says, and a trail of recent updates.
import { BALL, FIELD } from "../../shared/constants.ts";
import { el } from "../ui/dom.ts";
import { drawnPitch } from "../ui/pitchCanvas.ts";

const SCALE = 0.5;
const MARGIN = 24;
const TRAIL = 14;

export class PitchView {
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D | null;
  private readonly trail: { x: number; y: number }[] = [];
  private ball: { x: number; y: number } | null = null;
  private dirty = true;
  private readonly trailColour: string;
  /** The static pitch, drawn once from the plan and copied under each frame's trail and ball. */
  private pitch: HTMLCanvasElement | null = null;

  constructor(id: string, trailColour: string) {
    const width = FIELD.width * SCALE + MARGIN * 2;
    const height = FIELD.height * SCALE + MARGIN * 2;
    this.canvas = el("canvas", { id, width: String(width), height: String(height), "aria-label": "pitch with the ball" });
    this.context = this.canvas.getContext("2d");
    this.trailColour = trailColour;
  }

  /** A new update arrived: the ball is here now (world coordinates). */
  setBall(x: number, y: number): void {
    if (this.ball && this.ball.x === x && this.ball.y === y) return;
    this.ball = { x, y };
    this.trail.push({ x, y });
    if (this.trail.length > TRAIL) this.trail.shift();
    this.dirty = true;
  }

  /** Redraws only when an update changed something. */
  draw(): void {
    const g = this.context;
    if (!g || !this.dirty) return;
    this.dirty = false;
    const px = (x: number) => MARGIN + x * SCALE;
    const py = (y: number) => MARGIN + y * SCALE;
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.pitch ??= drawnPitch(this.canvas.width, this.canvas.height, MARGIN, SCALE);
    if (this.pitch) g.drawImage(this.pitch, 0, 0);
    // Each dot is one update as it arrived: dense for a pushed feed, sparse for a polled one.
    this.trail.forEach((point, index) => {
      if (index === this.trail.length - 1) return;
      g.globalAlpha = 0.15 + (0.55 * index) / this.trail.length;
      g.fillStyle = this.trailColour;
      g.beginPath();
      g.arc(px(point.x), py(point.y), 3, 0, Math.PI * 2);
      g.fill();
    });
    g.globalAlpha = 1;
    if (this.ball) {
      g.fillStyle = "#ffffff";
      g.strokeStyle = "#0b0f14";
      g.lineWidth = 2;
      g.beginPath();
      g.arc(px(this.ball.x), py(this.ball.y), Math.max(4, BALL.radius * SCALE + 1), 0, Math.PI * 2);
      g.fill();
      g.stroke();
    }
  }
}
