// Menu scene: the pitch with a ball bouncing around it behind the DOM menu.
import Phaser from "phaser";
import { BALL, FIELD } from "../../shared/constants.ts";
import { drawField } from "./fieldArt.ts";
import { keepPitchFramed } from "./layout.ts";

export class MenuScene extends Phaser.Scene {
  private ball!: Phaser.GameObjects.Image;
  private velocity = { x: 230, y: 170 };

  constructor() {
    super("menu");
  }

  create(): void {
    keepPitchFramed(this);
    drawField(this);
    this.ball = this.add.image(FIELD.width / 2, FIELD.height / 2, "ball").setDisplaySize(BALL.radius * 2, BALL.radius * 2);
    this.game.events.emit("menu-ready");
  }

  update(_time: number, deltaMs: number): void {
    const dt = deltaMs / 1000;
    const r = BALL.radius;
    this.ball.x += this.velocity.x * dt;
    this.ball.y += this.velocity.y * dt;
    if (this.ball.x < r || this.ball.x > FIELD.width - r) this.velocity.x *= -1;
    if (this.ball.y < r || this.ball.y > FIELD.height - r) this.velocity.y *= -1;
    this.ball.rotation += dt * 3;
  }
}
