// One naive baseline match: the same shared match simulation as the Rebound room, full JSON state to every client every tick.
import type WebSocket from "ws";
import { TICK_HZ } from "../../shared/constants.ts";
import type { InputIntent } from "../../shared/input.ts";
import { applyCommand } from "../../shared/match/commands.ts";
import { liveSink } from "../../shared/match/events.ts";
import { createMatchSim, type InputQueue } from "../../shared/match/sim.ts";
import { stepMatch } from "../../shared/match/step.ts";
import { freeTeam, isPlayingTeam } from "../../shared/match/teams.ts";
import { StepTimer, timePatch } from "../../server/metrics.ts";
import type { BaselinePlayer, BaselineState } from "./protocol.ts";

/** Inputs a seat may have waiting; more are dropped (the Rebound room's channel buffer plays this part). */
const MAX_QUEUED_INPUTS = 16;

/** A client's pending inputs; remembers the seq of the last one the sim took, for the ack. */
class SeatQueue implements InputQueue {
  readonly pending: (InputIntent & { seq: number })[] = [];
  ack = 0;

  *take(max: number): Iterable<InputIntent> {
    for (const input of this.pending.splice(0, max)) {
      this.ack = input.seq;
      yield input;
    }
  }

  drain(): void {
    this.pending.length = 0;
  }
}

interface Seat {
  id: string;
  queue: SeatQueue;
}

export class BaselineRoom {
  readonly id: string;
  private readonly seats = new Map<WebSocket, Seat>();
  private readonly queues = new Map<string, SeatQueue>();
  private readonly sim = createMatchSim();
  /** The baseline has no chat: the sim's events are dropped after each step. */
  private readonly sink = liveSink();
  private readonly startedAt = Date.now();
  private readonly timer: NodeJS.Timeout;
  private readonly stepTimer = new StepTimer();
  private host: WebSocket | null = null;
  private nextId = 0;
  private readonly onEmpty: () => void;

  constructor(id: string, onEmpty: () => void) {
    this.id = id;
    this.onEmpty = onEmpty;
    // The naive loop: a plain interval at the tick rate, one step per call.
    this.timer = setInterval(() => this.step(), 1000 / TICK_HZ);
  }

  /** Seats a client on the smaller team; null when both teams are full (the baseline has no spectators). */
  join(socket: WebSocket, name: string): { id: string } | null {
    if (freeTeam(this.sim.players, this.sim.settings.playersPerTeam) === null) return null;
    const seat: Seat = { id: `p${++this.nextId}`, queue: new SeatQueue() };
    applyCommand(this.sim, { kind: "join", id: seat.id, name, spectate: false }, this.sink);
    this.seats.set(socket, seat);
    this.queues.set(seat.id, seat.queue);
    this.host ??= socket;
    return seat;
  }

  leave(socket: WebSocket): void {
    const seat = this.seats.get(socket);
    if (seat) applyCommand(this.sim, { kind: "leave", id: seat.id }, this.sink);
    this.seats.delete(socket);
    if (seat) this.queues.delete(seat.id);
    if (this.host === socket) this.host = this.seats.keys().next().value ?? null;
    if (this.seats.size === 0) {
      clearInterval(this.timer);
      this.onEmpty();
    }
  }

  input(socket: WebSocket, input: InputIntent & { seq: number }): void {
    const queue = this.seats.get(socket)?.queue;
    if (!queue || queue.pending.length >= MAX_QUEUED_INPUTS) return;
    queue.pending.push(input);
  }

  start(socket: WebSocket): void {
    if (socket !== this.host) return;
    applyCommand(this.sim, { kind: "start" }, this.sink);
  }

  private step(): void {
    const stepped = this.stepTimer.start();
    stepMatch(this.sim, { queueOf: (id) => this.queues.get(id) }, 1 / TICK_HZ, this.sink);
    this.sink.events.length = 0;
    stepped();
    this.broadcast();
  }

  /** Everything, every tick, as JSON text: what a first multiplayer prototype typically does. */
  private broadcast(): void {
    const sent = timePatch();
    const sim = this.sim;
    const players: BaselinePlayer[] = [];
    for (const [id, player] of sim.players) {
      if (!isPlayingTeam(player.team)) continue;
      players.push({
        id, name: player.name, team: player.team, x: player.x, y: player.y, vx: player.vx, vy: player.vy,
        kicking: player.kicking, kickCooldown: player.kickCooldown, goals: player.goals, connected: true, ack: this.queues.get(id)?.ack ?? 0,
      });
    }
    const state: BaselineState = {
      t: "state",
      tick: sim.tick,
      serverTime: Date.now() - this.startedAt,
      phase: sim.phase,
      phaseTicks: sim.phaseTicks,
      elapsedTicks: sim.elapsedTicks,
      scoreRed: sim.scoreRed,
      scoreBlue: sim.scoreBlue,
      players,
      ball: { x: sim.ball.x, y: sim.ball.y, vx: sim.ball.vx, vy: sim.ball.vy },
    };
    const text = JSON.stringify(state);
    for (const socket of this.seats.keys()) socket.send(text);
    sent();
  }
}
