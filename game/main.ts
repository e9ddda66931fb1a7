// Browser entry: starts Phaser (boot → preload → menu → match) and the app controller that drives the DOM UI.
import "./jitlessZod.ts";
import Phaser from "phaser";
import { startApp } from "./app.ts";
import { BootScene } from "./scenes/BootScene.ts";
import { CANVAS_HEIGHT, CANVAS_WIDTH } from "./scenes/layout.ts";
import { MatchScene } from "./scenes/MatchScene.ts";
import { MenuScene } from "./scenes/MenuScene.ts";
import { PreloadScene } from "./scenes/PreloadScene.ts";

const game = new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game-root",
  backgroundColor: "#0c1117",
  width: CANVAS_WIDTH,
  height: CANVAS_HEIGHT,
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
  // Keep simulating when the tab loses focus: the server's clock does not stop for us.
  disableContextMenu: true,
  scene: [BootScene, PreloadScene, MenuScene, MatchScene],
});

startApp(game);
