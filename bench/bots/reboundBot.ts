// The benchmark's headless Rebound player on the real @colyseus/sdk: joins a match, chases the ball at 60 Hz, measures what it sees.
// One module for every benchmark that needs SDK bots (capacity, bandwidth, latency, live score, the browser match).
import "./forceWsPackage.ts";
import WebSocket from "ws";
import { HeadlessPlayer, type MatchRoomHandle } from "../../harness/headlessPlayer.ts";
import { BallWatcher, botIntent } from "../../shared/bot.ts";
import { IDLE_INTENT } from "../../shared/input.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { wallNow } from "../lib/wallClock.ts";
import type { BenchBot, BotFactory } from "./benchBot.ts";
import { BotMeter } from "./botMeter.ts";
import type { FleetSinks } from "./fleetSinks.ts";
import { WireMeter } from "./wireMeter.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";

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
  private readonly player: HeadlessPlayer;
  private open = true;

  private constructor(player: HeadlessPlayer, spectate: boolean, sinks: FleetSinks) {
    this.player = player;
    this.plays = !spectate;
    const room = player.room;
    const ws = socketOf(room);
    this.meter = new BotMeter(room.roomId, WireMeter.of(ws), sinks);
    ws.on("message", () => this.meter.onFrameDown());
    room.onStateChange(() => this.onPatch());
    room.onLeave(() => { this.open = false; });
    room.onDrop(() => { this.open = false; });
    room.onReconnect(() => { this.open = true; });
  }

  static factory(endpoint: string, sinks: FleetSinks): BotFactory {
    return {
      create: async (name) => {
        const requestedAt = wallNow();
        const player = await HeadlessPlayer.create(endpoint, { name });
        sinks.calibration(player.roomId).createRequestedAt = requestedAt;
        return new ReboundBot(player, false, sinks);
      },
      join: async (roomId, name, spectate) => {
        return new ReboundBot(await HeadlessPlayer.joinById(endpoint, roomId, { name, spectate }), spectate, sinks);
      },
    };
  }

  get roomId(): string {
    return this.player.roomId;
  }

  get connected(): boolean {
    return this.open;
  }

  private onPatch(): void {
    if (this.plays) this.meter.onAck(this.player.lastProcessed);
    const state = this.player.state;
    this.meter.onSnapshot(this.player.room.clock.lastServerTime(), state.tick, state.scoreRed, state.scoreBlue);
  }

  step(): void {
    if (!this.plays || !this.open) return;
    const state = this.player.state;
    const me = this.player.me;
    const intent = me && isPlayingTeam(me.team) ? botIntent(me, this.ballWatcher.see(state.ball, state.tick), me.team) : IDLE_INTENT;
    const seq = this.player.sendIntent(intent);
    if (seq) this.meter.onInputSent(seq);
  }

  startMatch(): void {
    this.player.send(ClientMessage.startMatch, {});
  }

  async leave(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.player.leave().catch(() => undefined);
  }
}
