// Match scene: draws the live match (predicted self, interpolated others and ball) and feeds input every frame.
import Phaser from "phaser";
import { BALL, KICK, PLAYER } from "../../shared/constants.ts";
import type { InputIntent } from "../../shared/input.ts";
import type { Player } from "../../shared/state.ts";
import type { MatchConnection } from "../net/connection.ts";
import { drawField } from "./fieldArt.ts";
import { FIELD_MARGIN, TEAM_COLOURS } from "./layout.ts";

/** What the match scene needs from the app around it. */
export interface MatchSceneData {
  connection: MatchConnection;
  /** The intent from keyboard or touch held at a moment of the last frame (performance.now() time). */
  readIntent: (timeMs: number) => InputIntent;
  /** Called every frame after drawing (HUD, network panel). */
  afterFrame: (now: number, frameMs: number) => void;
}

interface PlayerSprite {
  root: Phaser.GameObjects.Container;
  disc: Phaser.GameObjects.Arc;
  ring: Phaser.GameObjects.Arc;
  label: Phaser.GameObjects.Text;
  crown: Phaser.GameObjects.Image;
  team: string;
}

export class MatchScene extends Phaser.Scene {
  private data_!: MatchSceneData;
  private readonly sprites = new Map<string, PlayerSprite>();
  private ball!: Phaser.GameObjects.Image;
  private ballShadow!: Phaser.GameObjects.Arc;

  constructor() {
    super("match");
  }

  init(data: MatchSceneData): void {
    this.data_ = data;
    this.sprites.clear();
  }

  create(): void {
    this.cameras.main.setScroll(-FIELD_MARGIN, -FIELD_MARGIN);
    drawField(this);
    this.ballShadow = this.add.circle(0, 0, BALL.radius, 0x000000, 0.25).setDepth(1);
    this.ball = this.add.image(0, 0, "ball").setDisplaySize(BALL.radius * 2, BALL.radius * 2).setDepth(3);
    this.data_.connection.on({
      playerAdded: (sessionId, player) => this.addPlayer(sessionId, player),
      playerRemoved: (sessionId) => this.removePlayer(sessionId),
    });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.sprites.clear());
  }

  private addPlayer(sessionId: string, player: Player): void {
    if (this.sprites.has(sessionId)) return;
    const isMe = sessionId === this.data_.connection.sessionId;
    const ring = this.add.circle(0, 0, PLAYER.radius + KICK.reach, 0x000000, 0).setStrokeStyle(3, 0xffffff, 0.9);
    const disc = this.add.circle(0, 0, PLAYER.radius, TEAM_COLOURS[player.team] ?? 0x888888).setStrokeStyle(isMe ? 3 : 2, isMe ? 0xffffff : 0x0b0f14);
    const label = this.add.text(0, PLAYER.radius + 4, player.name, {
      fontFamily: "system-ui, sans-serif", fontSize: "13px", color: "#ffffff", stroke: "#0b0f14", strokeThickness: 3,
    }).setOrigin(0.5, 0);
    const crown = this.add.image(0, -PLAYER.radius - 8, "crown").setDisplaySize(18, 12);
    const root = this.add.container(player.x, player.y, [ring, disc, label, crown]).setDepth(isMe ? 4 : 2);
    this.sprites.set(sessionId, { root, disc, ring, label, crown, team: player.team });
  }

  private removePlayer(sessionId: string): void {
    this.sprites.get(sessionId)?.root.destroy();
    this.sprites.delete(sessionId);
  }

  update(time: number, deltaMs: number): void {
    const { connection } = this.data_;
    connection.frame(time, this.data_.readIntent);
    const state = connection.state;
    state.players.forEach((player, sessionId) => {
      const sprite = this.sprites.get(sessionId);
      if (!sprite) return;
      const onPitch = player.team === "red" || player.team === "blue";
      sprite.root.setVisible(onPitch);
      if (!onPitch) return;
      if (sprite.team !== player.team) {
        sprite.team = player.team;
        sprite.disc.setFillStyle(TEAM_COLOURS[player.team]);
      }
      const position = connection.playerPosition(player);
      sprite.root.setPosition(position.x, position.y);
      const kicking = sessionId === connection.sessionId ? (connection.predictedKicking() ?? player.kicking) : player.kicking;
      sprite.ring.setVisible(kicking);
      sprite.crown.setVisible(state.hostId === sessionId);
      sprite.root.setAlpha(player.connected ? 1 : 0.45);
      if (sprite.label.text !== player.name) sprite.label.setText(player.name);
    });
    const ball = connection.ballPosition();
    // Roll with the drawn motion (the ball's velocity stays on the server).
    this.ball.rotation += (ball.x - this.ball.x) / BALL.radius;
    this.ball.setPosition(ball.x, ball.y);
    this.ballShadow.setPosition(ball.x + 3, ball.y + 4);
    this.data_.afterFrame(time, deltaMs);
  }
}
