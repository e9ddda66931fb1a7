// Browser entry: shows the DOM menu at once, then loads Phaser (a separate chunk) for the pitch behind it.
import "./jitlessZod.ts";
import { startApp } from "./app.ts";
import { Stage } from "./stage.ts";
import { applyTeamColours } from "./ui/teamColours.ts";

applyTeamColours(document.documentElement);
const stage = new Stage();
startApp(stage);
// The engine is the biggest download: fetch it only after the menu has been painted.
requestAnimationFrame(() => {
  const parent = document.getElementById("game-root");
  if (parent) void stage.boot(parent);
});
