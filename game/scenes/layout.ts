// Canvas layout shared by the scenes: the pitch's world rectangle, how the camera frames it in any canvas size, and the team colours.
import type Phaser from "phaser";
import { FIELD } from "../../shared/constants.ts";

/** Margin around the field inside the canvas, in world pixels (room for the goals and labels). */
export const FIELD_MARGIN = 80;
export const CANVAS_WIDTH = FIELD.width + FIELD_MARGIN * 2;
export const CANVAS_HEIGHT = FIELD.height + FIELD_MARGIN * 2;

/** The drawn pitch (grass with the goals and the names under the discs), in world pixels: what the camera keeps whole and the HUD must never cover. */
export const PITCH_RECT = {
  x: -FIELD_MARGIN / 2,
  y: -FIELD_MARGIN / 2,
  width: FIELD.width + FIELD_MARGIN,
  height: FIELD.height + FIELD_MARGIN,
} as const;

/** Fits the whole pitch into the camera's view, centred: the canvas takes whatever box the page layout gives it. */
export function framePitch(camera: Phaser.Cameras.Scene2D.Camera, width: number, height: number): void {
  camera.setViewport(0, 0, width, height);
  camera.setZoom(Math.max(0.05, Math.min(width / PITCH_RECT.width, height / PITCH_RECT.height)));
  camera.centerOn(PITCH_RECT.x + PITCH_RECT.width / 2, PITCH_RECT.y + PITCH_RECT.height / 2);
}

/** Keeps the scene's main camera framing the pitch as the canvas resizes. */
export function keepPitchFramed(scene: Phaser.Scene, onFramed?: (zoom: number) => void): void {
  const frame = () => {
    framePitch(scene.cameras.main, scene.scale.width, scene.scale.height);
    onFramed?.(scene.cameras.main.zoom);
  };
  frame();
  scene.scale.on("resize", frame);
  scene.events.once("shutdown", () => scene.scale.off("resize", frame));
}

export { TEAM_COLOURS } from "../ui/teamColours.ts";
