// On-pitch effects: the goal celebration (burst of the scorer's colour from the net, flash, shake) and the flash of a kick that connected.
import Phaser from "phaser";
import { FIELD } from "../../shared/constants.ts";
import { TEAM_COLOURS } from "./layout.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";

/** A ring that grows and fades: a kick connecting, or the shock of a goal. */
export function pulseRing(scene: Phaser.Scene, x: number, y: number, colour: number, from: number, to: number, durationMs: number): void {
  const ring = scene.add.circle(x, y, from, 0x000000, 0).setStrokeStyle(4, colour, 1).setDepth(5);
  scene.tweens.add({
    targets: ring, radius: to, alpha: 0, duration: durationMs, ease: "Cubic.easeOut",
    onUpdate: () => ring.setStrokeStyle(Math.max(1, 4 * ring.alpha), colour, ring.alpha),
    onComplete: () => ring.destroy(),
  });
}

/** A kick that connected: a white ring off the ball and a short spark line from the kicker. */
export function kickFlash(scene: Phaser.Scene, x: number, y: number, strength: number): void {
  pulseRing(scene, x, y, 0xffffff, 8, 26 + 26 * strength, 260);
}

/** The goal: confetti in the scorer's colour bursting out of the net it went into, a flash and a shake. */
export function goalCelebration(scene: Phaser.Scene, team: string): void {
  const colour = isPlayingTeam(team) ? TEAM_COLOURS[team] : 0xffffff;
  // Red scores in the right-hand (blue) goal and the other way round.
  const goalX = team === "red" ? FIELD.width : 0;
  const inward = team === "red" ? -1 : 1;
  const centreY = FIELD.height / 2;
  scene.cameras.main.flash(220, (colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff, false);
  scene.cameras.main.shake(320, 0.006);
  pulseRing(scene, goalX, centreY, colour, 20, 260, 900);
  pulseRing(scene, goalX, centreY, 0xffffff, 10, 170, 700);
  for (let i = 0; i < 46; i++) {
    const angle = (Math.random() - 0.5) * Math.PI * 1.1;
    const speed = 160 + Math.random() * 320;
    const size = 4 + Math.random() * 6;
    const piece = i % 3 === 0
      ? scene.add.rectangle(goalX, centreY + (Math.random() - 0.5) * FIELD.goalHalfWidth, size, size * 0.6, 0xffffff)
      : scene.add.circle(goalX, centreY + (Math.random() - 0.5) * FIELD.goalHalfWidth, size / 2, colour);
    piece.setDepth(6);
    scene.tweens.add({
      targets: piece,
      x: goalX + inward * Math.cos(angle) * speed,
      y: piece.y + Math.sin(angle) * speed,
      angle: Math.random() * 720 - 360,
      alpha: 0,
      duration: 900 + Math.random() * 700,
      ease: "Quad.easeOut",
      onComplete: () => piece.destroy(),
    });
  }
}
