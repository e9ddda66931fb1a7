// Draws the static pitch: striped grass, lines, centre circle, penalty arcs and the two goals with nets.
import Phaser from "phaser";
import { FIELD, PLAYER } from "../../shared/constants.ts";
import { FIELD_MARGIN, TEAM_COLOURS } from "./layout.ts";

export function drawField(scene: Phaser.Scene): Phaser.GameObjects.Container {
  const g = scene.add.graphics();
  const { width, height, goalHalfWidth, goalDepth } = FIELD;
  g.fillStyle(0x1d5e35, 1);
  g.fillRoundedRect(-FIELD_MARGIN / 2, -FIELD_MARGIN / 2, width + FIELD_MARGIN, height + FIELD_MARGIN, 18);
  const stripes = 10;
  for (let i = 0; i < stripes; i++) {
    g.fillStyle(i % 2 === 0 ? 0x2f8a4d : 0x2a7e46, 1);
    g.fillRect((width / stripes) * i, 0, width / stripes, height);
  }
  g.lineStyle(3, 0xe8f5e9, 0.9);
  g.strokeRect(0, 0, width, height);
  g.lineBetween(width / 2, 0, width / 2, height);
  g.strokeCircle(width / 2, height / 2, 70);
  g.fillStyle(0xe8f5e9, 0.9);
  g.fillCircle(width / 2, height / 2, 4);
  // Penalty arcs in front of each goal.
  g.beginPath();
  g.arc(0, height / 2, goalHalfWidth + 60, -Math.PI / 2, Math.PI / 2);
  g.strokePath();
  g.beginPath();
  g.arc(width, height / 2, goalHalfWidth + 60, Math.PI / 2, (Math.PI * 3) / 2);
  g.strokePath();
  // Goals: net behind the line, posts in the defending team's colour.
  for (const side of ["red", "blue"] as const) {
    const lineX = side === "red" ? 0 : width;
    const backX = side === "red" ? -goalDepth : width + goalDepth;
    const top = height / 2 - goalHalfWidth;
    const bottom = height / 2 + goalHalfWidth;
    g.fillStyle(0xffffff, 0.12);
    g.fillRect(Math.min(lineX, backX), top, goalDepth, goalHalfWidth * 2);
    g.lineStyle(1, 0xffffff, 0.35);
    for (let y = top; y <= bottom; y += 10) g.lineBetween(lineX, y, backX, y);
    for (let step = 0; step <= goalDepth; step += 9) {
      const x = side === "red" ? -step : width + step;
      g.lineBetween(x, top, x, bottom);
    }
    g.lineStyle(4, 0xffffff, 1);
    g.lineBetween(lineX, top, backX, top);
    g.lineBetween(backX, top, backX, bottom);
    g.lineBetween(backX, bottom, lineX, bottom);
    g.fillStyle(TEAM_COLOURS[side], 1);
    g.fillCircle(lineX, top, 6);
    g.fillCircle(lineX, bottom, 6);
  }
  // A faint kickoff-radius hint so the field never looks empty while waiting.
  g.lineStyle(1, 0xffffff, 0.08);
  g.strokeCircle(width / 2, height / 2, PLAYER.radius * 8);
  return scene.add.container(0, 0, [g]);
}
