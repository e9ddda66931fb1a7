// Preload scene: loads the game's images behind a progress bar, then opens the menu.
import Phaser from "phaser";

export class PreloadScene extends Phaser.Scene {
  constructor() {
    super("preload");
  }

  preload(): void {
    const { width, height } = this.scale;
    const barWidth = Math.min(420, width * 0.8);
    const x = (width - barWidth) / 2;
    const y = height / 2;
    const frame = this.add.graphics();
    frame.lineStyle(2, 0x4ade80, 1).strokeRoundedRect(x - 4, y - 14, barWidth + 8, 28, 8);
    const bar = this.add.graphics();
    this.add.text(width / 2, y - 44, "REBOUND", { fontFamily: "system-ui, sans-serif", fontSize: "36px", color: "#eef2f6", fontStyle: "bold" }).setOrigin(0.5);
    this.load.on("progress", (progress: number) => {
      bar.clear().fillStyle(0x4ade80, 1).fillRoundedRect(x, y - 10, barWidth * progress, 20, 6);
    });
    this.load.svg("ball", "/assets/ball.svg", { width: 64, height: 64 });
    this.load.svg("crown", "/assets/crown.svg", { width: 48, height: 32 });
  }

  create(): void {
    this.scene.start("menu");
  }
}
