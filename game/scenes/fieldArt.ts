// Draws the static pitch in the Phaser scene from the one pitch plan (game/ui/pitchPlan.ts).
import Phaser from "phaser";
import { pitchPlan } from "../ui/pitchPlan.ts";
import { FIELD_MARGIN } from "./layout.ts";

export function drawField(scene: Phaser.Scene): Phaser.GameObjects.Container {
  const g = scene.add.graphics();
  for (const shape of pitchPlan(FIELD_MARGIN, true)) {
    switch (shape.kind) {
      case "fillRect":
        g.fillStyle(shape.paint.colour, shape.paint.alpha);
        if (shape.radius > 0) g.fillRoundedRect(shape.x, shape.y, shape.w, shape.h, shape.radius);
        else g.fillRect(shape.x, shape.y, shape.w, shape.h);
        break;
      case "line":
        g.lineStyle(shape.stroke.width, shape.stroke.colour, shape.stroke.alpha);
        g.lineBetween(shape.x1, shape.y1, shape.x2, shape.y2);
        break;
      case "arc":
        g.lineStyle(shape.stroke.width, shape.stroke.colour, shape.stroke.alpha);
        g.beginPath();
        g.arc(shape.x, shape.y, shape.r, shape.start, shape.end);
        g.strokePath();
        break;
      case "dot":
        g.fillStyle(shape.paint.colour, shape.paint.alpha);
        g.fillCircle(shape.x, shape.y, shape.r);
        break;
    }
  }
  return scene.add.container(0, 0, [g]);
}
