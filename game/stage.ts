// The canvas side of the page: boots Phaser after the menu is on screen and switches its scenes (menu or match), queuing a switch asked for before the engine is ready.
import type Phaser from "phaser";
import type { MatchSceneData } from "./scenes/MatchScene.ts";
import { PITCH_RECT } from "./scenes/layout.ts";

type Wanted = { key: "menu" } | { key: "match"; data: MatchSceneData };

export class Stage {
  private game: Phaser.Game | null = null;
  private ready = false;
  private wanted: Wanted = { key: "menu" };
  private shown: Wanted | null = null;

  /** Loads Phaser (its own chunk) and starts it in `parent`; the menu scene reports "menu-ready" when assets are in. */
  async boot(parent: HTMLElement): Promise<void> {
    if (this.game) return;
    const { createEngine } = await import("./engine.ts");
    const game = createEngine(parent);
    this.game = game;
    window.reboundPitch = () => this.pitchBox();
    // The page layout changes the canvas's box (menu → match, rotation, panels): resize with it at once.
    // Read the parent's size first: refresh() alone would resize to the old size and then record the
    // new one, so Phaser's own polling would see no change and keep the stale size.
    new ResizeObserver(() => {
      game.scale.getParentBounds();
      game.scale.refresh();
    }).observe(parent);
    game.events.once("menu-ready", () => {
      this.ready = true;
      performance.mark("rebound:engine-ready");
      this.apply();
    });
  }

  showMenu(): void {
    this.wanted = { key: "menu" };
    this.apply();
  }

  showMatch(data: MatchSceneData): void {
    this.wanted = { key: "match", data };
    this.apply();
  }

  pitchBox(): PitchBox | null {
    const game = this.game;
    if (!game || !this.ready) return null;
    const key = game.scene.isActive("match") ? "match" : "menu";
    const camera = game.scene.getScene(key).cameras.main;
    const canvas = game.canvas.getBoundingClientRect();
    // Canvas pixels to CSS pixels (1 in RESIZE mode, kept general).
    const sx = canvas.width / game.scale.width;
    const sy = canvas.height / game.scale.height;
    const view = camera.worldView;
    const toPageX = (x: number) => canvas.left + (camera.x + (x - view.x) * camera.zoom) * sx;
    const toPageY = (y: number) => canvas.top + (camera.y + (y - view.y) * camera.zoom) * sy;
    return {
      left: toPageX(PITCH_RECT.x), top: toPageY(PITCH_RECT.y),
      right: toPageX(PITCH_RECT.x + PITCH_RECT.width), bottom: toPageY(PITCH_RECT.y + PITCH_RECT.height), scene: key,
    };
  }

  private apply(): void {
    const game = this.game;
    if (!game || !this.ready || this.shown === this.wanted) return;
    this.shown = this.wanted;
    if (this.wanted.key === "match") {
      game.scene.stop("menu");
      game.scene.start("match", this.wanted.data);
    } else {
      game.scene.stop("match");
      game.scene.start("menu");
    }
  }
}

/** Where the pitch is drawn, in page (CSS) pixels, computed from the active scene's camera and the canvas: the box the HUD must leave free. */
export interface PitchBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
  scene: string;
}

declare global {
  interface Window {
    reboundPitch?: () => PitchBox | null;
  }
}
