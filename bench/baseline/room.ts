// One naive baseline match: the same shared rules (input, step, kickoff, match flow), full JSON state to every client every tick.
import type WebSocket from "ws";
import { MATCH_DEFAULTS, TICK_HZ } from "../../shared/constants.ts";
import { sanitizeInput, type InputIntent } from "../../shared/input.ts";
import { kickoffSpot, placeBallForKickoff, placeBody } from "../../shared/kickoff.ts";
import { isBallLive, recordGoal, startMatch, stepMatchFlow, type MatchClock, type MatchRules } from "../../shared/matchFlow.ts";
import { applyPlayerInput, stepPhysics, type Body, type PlayerBody } from "../../shared/physics.ts";
import type { MatchPhase, PlayingTeam } from "../../shared/state.ts";
import { PatchTimer, StepTimer } from "../../server/metrics.ts";
import type { BaselinePlayer, BaselineState } from "./protocol.ts";

/** Same caps as the Rebound room, so both servers do the same work per input. */
const MAX_INPUTS_PER_TICK = 2;
const MAX_QUEUED_INPUTS = 16;

interface SeatedPlayer extends PlayerBody {
  id: string;
  name: string;
  team: PlayingTeam;
  goals: number;
  ack: number;
  queue: (InputIntent & { seq: number })[];
}

export class BaselineRoom {
  readonly id: string;
  private readonly seats = new Map<WebSocket, SeatedPlayer>();
  private readonly ball: Body = { x: 0, y: 0, vx: 0, vy: 0 };
  private readonly match: MatchClock = {
    phase: "waiting", phaseTicks: 0, elapsedTicks: 0, goldenGoal: false,
    scoreRed: 0, scoreBlue: 0, lastGoalTeam: "", winner: "",
  };
  private readonly rules: MatchRules = { scoreLimit: MATCH_DEFAULTS.scoreLimit, timeLimitSeconds: MATCH_DEFAULTS.timeLimitSeconds };
  private readonly startedAt = Date.now();
  private readonly timer: NodeJS.Timeout;
  private host: WebSocket | null = null;
  private tick = 0;
  private nextId = 0;
  private lastTouch: SeatedPlayer | null = null;
  private readonly onEmpty: () => void;

  constructor(id: string, onEmpty: () => void) {
    this.id = id;
    this.onEmpty = onEmpty;
    placeBallForKickoff(this.ball);
    // The naive loop: a plain interval at the tick rate, one step per call.
    this.timer = setInterval(() => this.step(), 1000 / TICK_HZ);
  }

  /** Seats a client on the smaller team; null when both teams are full. */
  join(socket: WebSocket, name: string): SeatedPlayer | null {
    let red = 0;
    for (const seat of this.seats.values()) if (seat.team === "red") red++;
    const blue = this.seats.size - red;
    const cap = MATCH_DEFAULTS.playersPerTeam;
    if (red >= cap && blue >= cap) return null;
    const team: PlayingTeam = red >= cap ? "blue" : blue >= cap ? "red" : blue < red ? "blue" : "red";
    const spot = kickoffSpot(team, team === "red" ? red : blue);
    const seat: SeatedPlayer = {
      id: `p${++this.nextId}`, name, team, goals: 0, ack: 0, queue: [],
      x: spot.x, y: spot.y, vx: 0, vy: 0, kicking: false, kickCooldown: 0,
    };
    this.seats.set(socket, seat);
    this.host ??= socket;
    return seat;
  }

  leave(socket: WebSocket): void {
    this.seats.delete(socket);
    if (this.host === socket) this.host = this.seats.keys().next().value ?? null;
    if (this.seats.size === 0) {
      clearInterval(this.timer);
      this.onEmpty();
    }
  }

  input(socket: WebSocket, input: InputIntent & { seq: number }): void {
    const seat = this.seats.get(socket);
    if (!seat || seat.queue.length >= MAX_QUEUED_INPUTS) return;
    seat.queue.push(input);
  }

  start(socket: WebSocket): void {
    if (socket !== this.host) return;
    startMatch(this.match);
    this.kickoff();
  }

  private step(): void {
    const timer = StepTimer.start();
    this.tick += 1;
    const frozen = this.match.phase === "countdown" || this.match.phase === "ended";
    const pitch: SeatedPlayer[] = [];
    for (const seat of this.seats.values()) {
      const inputs = seat.queue.splice(0, MAX_INPUTS_PER_TICK);
      for (const input of inputs) {
        if (!frozen) applyPlayerInput(seat, sanitizeInput(input), 1 / TICK_HZ);
        seat.ack = input.seq;
      }
      pitch.push(seat);
    }
    if (!frozen) {
      const events = stepPhysics({ players: pitch, ball: this.ball }, 1 / TICK_HZ);
      if (events.kickers.length > 0) this.lastTouch = pitch[events.kickers[0]];
      if (events.goal) this.onGoal(events.goal);
    }
    if (stepMatchFlow(this.match, this.rules) === "kickoff") this.kickoff();
    timer.stop();
    this.broadcast();
  }

  private onGoal(team: PlayingTeam): void {
    if (!isBallLive(this.match.phase)) return;
    if (this.match.phase === "waiting") {
      placeBallForKickoff(this.ball);
      return;
    }
    if (this.lastTouch && this.lastTouch.team === team) this.lastTouch.goals += 1;
    recordGoal(this.match, this.rules, team);
  }

  private kickoff(): void {
    const indexes = { red: 0, blue: 0 };
    for (const seat of this.seats.values()) {
      const spot = kickoffSpot(seat.team, indexes[seat.team]++);
      placeBody(seat, spot.x, spot.y);
    }
    placeBallForKickoff(this.ball);
    this.lastTouch = null;
  }

  /** Everything, every tick, as JSON text: what a first multiplayer prototype typically does. */
  private broadcast(): void {
    const timer = PatchTimer.start();
    const players: BaselinePlayer[] = [];
    for (const seat of this.seats.values()) {
      players.push({
        id: seat.id, name: seat.name, team: seat.team, x: seat.x, y: seat.y, vx: seat.vx, vy: seat.vy,
        kicking: seat.kicking, kickCooldown: seat.kickCooldown, goals: seat.goals, connected: true, ack: seat.ack,
      });
    }
    const state: BaselineState = {
      t: "state",
      tick: this.tick,
      serverTime: Date.now() - this.startedAt,
      phase: this.match.phase as MatchPhase,
      phaseTicks: this.match.phaseTicks,
      elapsedTicks: this.match.elapsedTicks,
      scoreRed: this.match.scoreRed,
      scoreBlue: this.match.scoreBlue,
      players,
      ball: { x: this.ball.x, y: this.ball.y, vx: this.ball.vx, vy: this.ball.vy },
    };
    const text = JSON.stringify(state);
    for (const socket of this.seats.keys()) socket.send(text);
    timer.stop();
  }
}
