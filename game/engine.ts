// The Phaser engine, loaded by a dynamic import once the DOM menu is up: creates the game with its scenes.
import Phaser from "phaser";
import { BootScene } from "./scenes/BootScene.ts";
import { MatchScene } from "./scenes/MatchScene.ts";
import { MenuScene } from "./scenes/MenuScene.ts";
import { PreloadScene } from "./scenes/PreloadScene.ts";

export function createEngine(parent: HTMLElement): Phaser.Game {
  return new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: "#0c1117",
    // The canvas takes the size of its box in the page layout; each scene's camera frames the pitch in it.
    scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
    disableContextMenu: true,
    scene: [BootScene, PreloadScene, MenuScene, MatchScene],
  });
}
