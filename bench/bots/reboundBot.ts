// The benchmark's headless Rebound player on the real @colyseus/sdk: joins a match, chases the ball at 60 Hz, measures what it sees.
// One module for every benchmark that needs SDK bots (capacity, bandwidth, latency, live score, the browser match).
import "./forceWsPackage.ts";
import { Client, type InputHandle, type Room } from "@colyseus/sdk";
import WebSocket from "ws";
import { BallWatcher, botIntent } from "../../shared/bot.ts";
import { IDLE_INTENT, PlayerInput } from "../../shared/input.ts";
import { ClientMessage, MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { wallNow } from "../lib/wallClock.ts";
import type { BenchBot, BotFactory } from "./benchBot.ts";
import { BotMeter } from "./botMeter.ts";
import type { FleetSinks } from "./fleetSinks.ts";
import { WireMeter } from "./wireMeter.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";

type MatchRoomHandle = Room<unknown, MatchState>;

function socketOf(room: MatchRoomHandle): WebSocket {
  const ws: unknown = Reflect.get(room.connection.transport, "ws");
  if (!(ws instanceof WebSocket)) throw new Error("the SDK is not using the ws package (import forceWsPackage.ts first)");
  return ws;
}

export class ReboundBot implements BenchBot {
  /** The ball as this client sees it (positions only: its velocity is never synced). */
  private readonly ballWatcher = new BallWatcher();
  readonly meter: BotMeter;
  readonly plays: boolean;
  private readonly room: MatchRoomHandle;
  private readonly input: InputHandle<PlayerInput> | null;
  private open = true;

  private constructor(room: MatchRoomHandle, spectate: boolean, sinks: FleetSinks) {
    this.room = room;
    this.plays = !spectate;
    const ws = socketOf(room);
    this.meter = new BotMeter(room.roomId, WireMeter.of(ws), sinks);
    ws.on("message", () => this.meter.onFrameDown());
    this.input = spectate ? null : room.input({ type: PlayerInput, mode: "reliable" });
    room.onStateChange(() => this.onPatch());
    room.onLeave(() => { this.open = false; });
    room.onDrop(() => { this.open = false; });
    room.onReconnect(() => { this.open = true; });
    // The server's chat and notices are not measured, but must have handlers.
    room.onMessage("*", () => undefined);
  }

  static factory(endpoint: string, sinks: FleetSinks): BotFactory {
    return {
      create: async (name) => {
        const requestedAt = wallNow();
        const room = await new Client(endpoint).create(MATCH_ROOM, { name }, MatchState);
        sinks.calibration(room.roomId).createRequestedAt = requestedAt;
        return new ReboundBot(room, false, sinks);
      },
      join: async (roomId, name, spectate) => {
        const room = await new Client(endpoint).joinById(roomId, { name, spectate }, MatchState);
        return new ReboundBot(room, spectate, sinks);
      },
    };
  }

  get roomId(): string {
    return this.room.roomId;
  }

  get connected(): boolean {
    return this.open;
  }

  private onPatch(): void {
    if (this.input) this.meter.onAck(this.input.lastProcessed);
    const state = this.room.state;
    this.meter.onSnapshot(this.room.clock.lastServerTime(), state.tick, state.scoreRed, state.scoreBlue);
  }

  step(): void {
    if (!this.input || !this.open) return;
    const state = this.room.state;
    const me = state.players.get(this.room.sessionId);
    const intent = me && isPlayingTeam(me.team) ? botIntent(me, this.ballWatcher.see(state.ball, state.tick), me.team) : IDLE_INTENT;
    this.input.data.moveX = intent.moveX;
    this.input.data.moveY = intent.moveY;
    this.input.data.kick = intent.kick;
    const seq = this.input.send();
    if (seq) this.meter.onInputSent(seq);
  }

  startMatch(): void {
    this.room.send(ClientMessage.startMatch, {});
  }

  async leave(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.room.leave(true).catch(() => undefined);
  }
}
