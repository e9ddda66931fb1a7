// The room's simulation bodies as plain objects, copied into the replicated schema once per tick.
// Why: the schema's quantized setters snap every write, so stepping schema instances directly would
// round intermediate values that the client's replay (plain objects) does not: the shared step runs
// here on plain numbers exactly as it does in the browser, and only its snapped result is published.
import type { MapSchema } from "@colyseus/schema";
import type { Body, PlayerBody } from "../../shared/physics.ts";
import type { Ball, Player } from "../../shared/state.ts";

export class WorldMirror {
  readonly ball: Body = { x: 0, y: 0, vx: 0, vy: 0 };
  private readonly bodies = new Map<string, PlayerBody>();

  /** The plain body of a player, created at rest on first use. */
  body(sessionId: string): PlayerBody {
    let body = this.bodies.get(sessionId);
    if (!body) {
      body = { x: 0, y: 0, vx: 0, vy: 0, kicking: false, kickCooldown: 0 };
      this.bodies.set(sessionId, body);
    }
    return body;
  }

  /** Publishes every body into the schema (unchanged values cost nothing on the wire) and forgets departed players. */
  publish(players: MapSchema<Player>, ball: Ball): void {
    for (const [sessionId, body] of this.bodies) {
      const player = players.get(sessionId);
      if (!player) {
        this.bodies.delete(sessionId);
        continue;
      }
      player.x = body.x;
      player.y = body.y;
      player.vx = body.vx;
      player.vy = body.vy;
      player.kicking = body.kicking;
      player.kickCooldown = body.kickCooldown;
    }
    ball.x = this.ball.x;
    ball.y = this.ball.y;
    ball.vx = this.ball.vx;
    ball.vy = this.ball.vy;
  }
}
