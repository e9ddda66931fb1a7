// The replay drawn on a 2D canvas: the pitch (drawn once, copied), every player with their name, the ball; following a
// player zooms in on them.
import { BALL, FIELD, PLAYER } from "../../shared/constants.ts";
import type { MatchSim } from "../../shared/match/sim.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";
import { el } from "../ui/dom.ts";
import { drawnPitch } from "../ui/pitchCanvas.ts";
import { TEAM_COLOUR_CSS } from "../ui/teamColours.ts";

const SCALE = 1;
const MARGIN = 48;
const FOLLOW_ZOOM = 1.7;

export class ReplayCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D | null;
  private pitch: HTMLCanvasElement | null = null;

  constructor() {
    this.canvas = el("canvas", {
      id: "replay-canvas", width: String(FIELD.width * SCALE + MARGIN * 2), height: String(FIELD.height * SCALE + MARGIN * 2),
      "aria-label": "the match, replayed",
    });
    this.context = this.canvas.getContext("2d");
  }

  /** Draws the sim; `follow` (a player id) centres and zooms the view on that player. */
  draw(sim: MatchSim, follow: string | null): void {
    const g = this.context;
    if (!g) return;
    const { width, height } = this.canvas;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = "#0c1117";
    g.fillRect(0, 0, width, height);
    const followed = follow ? sim.players.get(follow) : undefined;
    if (followed && isPlayingTeam(followed.team)) {
      // Centre on the player, but never show beyond the edge of the drawn pitch.
      const zoom = FOLLOW_ZOOM;
      const cx = clamp(MARGIN + followed.x * SCALE, width / zoom / 2, width - width / zoom / 2);
      const cy = clamp(MARGIN + followed.y * SCALE, height / zoom / 2, height - height / zoom / 2);
      g.setTransform(zoom, 0, 0, zoom, width / 2 - cx * zoom, height / 2 - cy * zoom);
    }
    this.pitch ??= drawnPitch(width, height, MARGIN, SCALE);
    if (this.pitch) g.drawImage(this.pitch, 0, 0);
    g.translate(MARGIN, MARGIN);
    g.scale(SCALE, SCALE);
    g.textAlign = "center";
    g.font = "600 13px system-ui, sans-serif";
    for (const [id, player] of sim.players) {
      if (!isPlayingTeam(player.team)) continue;
      g.beginPath();
      g.arc(player.x, player.y, PLAYER.radius, 0, Math.PI * 2);
      g.fillStyle = TEAM_COLOUR_CSS[player.team];
      g.fill();
      g.lineWidth = player.kicking ? 4 : 2;
      g.strokeStyle = player.kicking ? "#ffffff" : "#0b0f14";
      g.stroke();
      if (id === follow) {
        g.beginPath();
        g.arc(player.x, player.y, PLAYER.radius + 6, 0, Math.PI * 2);
        g.strokeStyle = "#facc15";
        g.lineWidth = 3;
        g.stroke();
      }
      g.fillStyle = "#eef2f6";
      g.fillText(player.name, player.x, player.y - PLAYER.radius - 6);
    }
    g.beginPath();
    g.arc(sim.ball.x, sim.ball.y, BALL.radius, 0, Math.PI * 2);
    g.fillStyle = "#ffffff";
    g.fill();
    g.lineWidth = 2;
    g.strokeStyle = "#0b0f14";
    g.stroke();
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}
