// A small pitch on a plain 2D canvas (no Phaser): field lines, both goals, the ball where the data says, and a trail of recent updates.
import { BALL, FIELD } from "../../shared/constants.ts";
import { el } from "../ui/dom.ts";
import { pitchPlan, type Paint } from "../ui/pitchPlan.ts";

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
    this.pitch ??= drawnPitch(this.canvas.width, this.canvas.height);
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

function css(paint: Paint): string {
  return `rgba(${(paint.colour >> 16) & 255}, ${(paint.colour >> 8) & 255}, ${paint.colour & 255}, ${paint.alpha})`;
}

/** The pitch plan (game/ui/pitchPlan.ts) at this view's scale, on a canvas of its own. */
function drawnPitch(width: number, height: number): HTMLCanvasElement | null {
  const canvas = el("canvas", { width: String(width), height: String(height) });
  const g = canvas.getContext("2d");
  if (!g) return null;
  g.translate(MARGIN, MARGIN);
  g.scale(SCALE, SCALE);
  for (const shape of pitchPlan((MARGIN * 2) / SCALE, false)) {
    g.beginPath();
    switch (shape.kind) {
      case "fillRect":
        g.fillStyle = css(shape.paint);
        g.roundRect(shape.x, shape.y, shape.w, shape.h, shape.radius);
        g.fill();
        break;
      case "line":
        g.strokeStyle = css(shape.stroke);
        g.lineWidth = shape.stroke.width;
        g.moveTo(shape.x1, shape.y1);
        g.lineTo(shape.x2, shape.y2);
        g.stroke();
        break;
      case "arc":
        g.strokeStyle = css(shape.stroke);
        g.lineWidth = shape.stroke.width;
        g.arc(shape.x, shape.y, shape.r, shape.start, shape.end);
        g.stroke();
        break;
      case "dot":
        g.fillStyle = css(shape.paint);
        g.arc(shape.x, shape.y, shape.r, 0, Math.PI * 2);
        g.fill();
        break;
    }
  }
  return canvas;
}
