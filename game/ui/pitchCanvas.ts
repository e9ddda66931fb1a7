// The pitch plan (game/ui/pitchPlan.ts) painted on a plain 2D canvas: the compare page and the replay viewer draw it once and copy it.
import { pitchPlan, type Paint } from "./pitchPlan.ts";
import { el } from "./dom.ts";

export function cssColour(paint: Paint): string {
  return `rgba(${(paint.colour >> 16) & 255}, ${(paint.colour >> 8) & 255}, ${paint.colour & 255}, ${paint.alpha})`;
}

/** A canvas of `width`×`height` with the pitch on it, world (0, 0) at (`margin`, `margin`) and `scale` pixels per world unit. */
export function drawnPitch(width: number, height: number, margin: number, scale: number): HTMLCanvasElement | null {
  const canvas = el("canvas", { width: String(width), height: String(height) });
  const g = canvas.getContext("2d");
  if (!g) return null;
  g.translate(margin, margin);
  g.scale(scale, scale);
  for (const shape of pitchPlan((margin * 2) / scale, false)) {
    g.beginPath();
    switch (shape.kind) {
      case "fillRect":
        g.fillStyle = cssColour(shape.paint);
        g.roundRect(shape.x, shape.y, shape.w, shape.h, shape.radius);
        g.fill();
        break;
      case "line":
        g.strokeStyle = cssColour(shape.stroke);
        g.lineWidth = shape.stroke.width;
        g.moveTo(shape.x1, shape.y1);
        g.lineTo(shape.x2, shape.y2);
        g.stroke();
        break;
      case "arc":
        g.strokeStyle = cssColour(shape.stroke);
        g.lineWidth = shape.stroke.width;
        g.arc(shape.x, shape.y, shape.r, shape.start, shape.end);
        g.stroke();
        break;
      case "dot":
        g.fillStyle = cssColour(shape.paint);
        g.arc(shape.x, shape.y, shape.r, 0, Math.PI * 2);
        g.fill();
        break;
    }
  }
  return canvas;
}
