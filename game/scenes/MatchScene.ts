// Match scene: draws the live match (predicted self, interpolated others and ball) and feeds input every frame.
import Phaser from "phaser";
import { BALL, KICK, PLAYER } from "../../shared/constants.ts";
import type { InputIntent } from "../../shared/input.ts";
import type { Player } from "../../shared/state.ts";
import { sounds } from "../audio/sounds.ts";
import type { MatchConnection } from "../net/connection.ts";
import type { Point } from "../net/drawnState.ts";
import { goalCelebration, kickFlash } from "./effects.ts";
import { drawField } from "./fieldArt.ts";
import { keepPitchFramed, TEAM_COLOURS } from "./layout.ts";
import { MatchEventDetector, type MatchEvent, type SnapshotPlayer } from "./matchEvents.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";

/** Names on the canvas stay at least this tall on screen (CSS px), however small the pitch is drawn. */
const MIN_LABEL_PX = 10;
const LABEL_FONT_PX = 13;

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
  mark: Phaser.GameObjects.Graphics;
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
  private detector = new MatchEventDetector();
  private lastTick = -1;
  private labelScale = 1;
  private firstFrame = true;

  constructor() {
    super("match");
  }

  init(data: MatchSceneData): void {
    this.data_ = data;
    this.sprites.clear();
    this.detector = new MatchEventDetector();
    this.lastTick = -1;
    this.firstFrame = true;
  }

  create(): void {
    keepPitchFramed(this, (zoom) => {
      // Small pitches (phones) keep names readable: grow the labels as the pitch shrinks.
      this.labelScale = Math.max(1, MIN_LABEL_PX / (LABEL_FONT_PX * zoom));
      for (const sprite of this.sprites.values()) sprite.label.setScale(this.labelScale);
    });
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
    const mark = this.add.graphics();
    drawTeamMark(mark, player.team);
    const label = this.add.text(0, PLAYER.radius + 4, player.name, {
      fontFamily: "system-ui, sans-serif", fontSize: `${LABEL_FONT_PX}px`, color: "#ffffff", stroke: "#0b0f14", strokeThickness: 3,
    }).setOrigin(0.5, 0).setScale(this.labelScale);
    const crown = this.add.image(0, -PLAYER.radius - 8, "crown").setDisplaySize(18, 12);
    const root = this.add.container(player.x, player.y, [ring, disc, mark, label, crown]).setDepth(isMe ? 4 : 2);
    this.sprites.set(sessionId, { root, disc, mark, ring, label, crown, team: player.team });
  }

  private removePlayer(sessionId: string): void {
    this.sprites.get(sessionId)?.root.destroy();
    this.sprites.delete(sessionId);
  }

  update(time: number, deltaMs: number): void {
    const { connection } = this.data_;
    // Key events are stamped with performance.now() time (event.timeStamp); Phaser's frame `time` is the
    // rAF timestamp, taken before this frame's input events ran, so the steps are paced on the same clock
    // as the keys: a key pressed before this frame then counts in this frame's last step.
    const steps = connection.frame(performance.now(), this.data_.readIntent);
    const state = connection.state;
    let drawnSelf: Point | null = null;
    const drawnRemotes: Record<string, Point> = {};
    state.players.forEach((player, sessionId) => {
      const sprite = this.sprites.get(sessionId);
      if (!sprite) return;
      const onPitch = isPlayingTeam(player.team);
      sprite.root.setVisible(onPitch);
      if (!onPitch) return;
      if (sprite.team !== player.team) {
        sprite.team = player.team;
        sprite.disc.setFillStyle(TEAM_COLOURS[player.team]);
        drawTeamMark(sprite.mark, player.team);
      }
      const position = connection.playerPosition(player);
      sprite.root.setPosition(position.x, position.y);
      if (sessionId === connection.sessionId) drawnSelf = position;
      else drawnRemotes[sessionId] = position;
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
    const inputs = connection.inputCounts;
    connection.drawn.recordFrame({
      at: time, steps, self: drawnSelf, remotes: drawnRemotes, ball,
      inputsSent: inputs.sent, inputsAcked: inputs.acked, corrections: connection.corrections,
    });
    if (state.tick !== this.lastTick) {
      this.lastTick = state.tick;
      this.onSnapshot();
    }
    if (this.firstFrame) {
      this.firstFrame = false;
      performance.mark("rebound:first-match-frame");
    }
    this.data_.afterFrame(time, deltaMs);
  }

  /** A new server snapshot has been decoded: hear and show what happened in it (server state only, never prediction). */
  private onSnapshot(): void {
    const state = this.data_.connection.state;
    const players: SnapshotPlayer[] = [];
    state.players.forEach((player, id) => {
      players.push({ id, x: player.x, y: player.y, kicking: player.kicking, onPitch: isPlayingTeam(player.team) });
    });
    const events = this.detector.observe({
      tick: state.tick, phase: state.phase, ball: { x: state.ball.x, y: state.ball.y }, players,
      lastGoalTeam: state.lastGoalTeam, goals: state.scoreRed + state.scoreBlue,
    });
    for (const event of events) this.react(event);
  }

  private react(event: MatchEvent): void {
    switch (event.kind) {
      case "kick":
        sounds.play("kick", event.strength);
        kickFlash(this, event.x, event.y, event.strength);
        if (event.by === this.data_.connection.sessionId) this.cameras.main.shake(90, 0.002);
        break;
      case "goal":
        sounds.play("goal");
        goalCelebration(this, event.team);
        break;
      default:
        sounds.play(event.kind, "strength" in event ? event.strength : 1);
    }
  }
}

/** The colour-blind-safe mark on a disc: a triangle for red, a square for blue. */
function drawTeamMark(graphics: Phaser.GameObjects.Graphics, team: string): void {
  graphics.clear();
  graphics.fillStyle(0xffffff, 0.85);
  const size = PLAYER.radius * 0.45;
  if (team === "red") graphics.fillTriangle(0, -size * 1.1, size, size * 0.75, -size, size * 0.75);
  else if (team === "blue") graphics.fillRect(-size * 0.8, -size * 0.8, size * 1.6, size * 1.6);
}
