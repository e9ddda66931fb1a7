// A benchmark bot for the naive baseline: the same steering and measurements as the Rebound bot, over plain ws + JSON.
import WebSocket from "ws";
import { BallWatcher, botIntent } from "../../shared/bot.ts";
import { IDLE_INTENT } from "../../shared/input.ts";
import type { BenchBot, BotFactory } from "../bots/benchBot.ts";
import { BotMeter } from "../bots/botMeter.ts";
import type { FleetSinks } from "../bots/fleetSinks.ts";
import { WireMeter } from "../bots/wireMeter.ts";
import { wallNow } from "../lib/wallClock.ts";
import { parseServerMessage, type BaselineClientMessage, type BaselinePlayer, type BaselineState } from "./protocol.ts";

const JOIN_TIMEOUT_MS = 10_000;

function connect(endpoint: string, hello: BaselineClientMessage): Promise<{ socket: WebSocket; room: string; id: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(endpoint, { perMessageDeflate: false });
    const timer = setTimeout(() => { socket.terminate(); reject(new Error("baseline join timed out")); }, JOIN_TIMEOUT_MS);
    socket.once("open", () => socket.send(JSON.stringify(hello)));
    socket.once("error", (error) => { clearTimeout(timer); reject(error); });
    socket.once("message", (data) => {
      clearTimeout(timer);
      const message = parseServerMessage(data.toString());
      if (message?.t === "welcome") resolve({ socket, room: message.room, id: message.id });
      else {
        socket.terminate();
        reject(new Error(message?.t === "error" ? message.message : "unexpected first message"));
      }
    });
  });
}

export class BaselineBot implements BenchBot {
  /** The ball as this client sees it (positions only: its velocity is never synced). */
  private readonly ballWatcher = new BallWatcher();
  readonly meter: BotMeter;
  readonly plays = true;
  readonly roomId: string;
  private readonly socket: WebSocket;
  private readonly id: string;
  private me: BaselinePlayer | null = null;
  private latest: BaselineState | null = null;
  private seq = 0;
  private open = true;

  private constructor(socket: WebSocket, roomId: string, id: string, sinks: FleetSinks) {
    this.socket = socket;
    this.roomId = roomId;
    this.id = id;
    this.meter = new BotMeter(roomId, WireMeter.of(socket), sinks);
    socket.on("message", (data) => this.onMessage(data.toString()));
    socket.on("close", () => { this.open = false; });
    socket.on("error", () => { this.open = false; });
  }

  /** `endpoint` is the baseline's http:// URL; bots talk ws:// to the same port. */
  static factory(endpoint: string, sinks: FleetSinks): BotFactory {
    const wsUrl = endpoint.replace(/^http/, "ws");
    return {
      create: async (name) => {
        const requestedAt = wallNow();
        const { socket, room, id } = await connect(wsUrl, { t: "create", name });
        sinks.calibration(room).createRequestedAt = requestedAt;
        return new BaselineBot(socket, room, id, sinks);
      },
      join: async (roomId, name) => {
        const { socket, room, id } = await connect(wsUrl, { t: "join", room: roomId, name });
        return new BaselineBot(socket, room, id, sinks);
      },
    };
  }

  get connected(): boolean {
    return this.open;
  }

  private onMessage(text: string): void {
    this.meter.onFrameDown();
    const message = parseServerMessage(text);
    if (message?.t !== "state") return;
    this.latest = message;
    this.me = message.players.find((player) => player.id === this.id) ?? null;
    if (this.me) this.meter.onAck(this.me.ack);
    this.meter.onSnapshot(message.serverTime, message.tick, message.scoreRed, message.scoreBlue);
  }

  private send(message: BaselineClientMessage): void {
    if (this.open && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  step(): void {
    if (!this.open) return;
    const intent = this.me && this.latest ? botIntent(this.me, this.ballWatcher.see(this.latest.ball, this.latest.tick), this.me.team) : IDLE_INTENT;
    this.seq += 1;
    this.send({ t: "input", seq: this.seq, moveX: intent.moveX, moveY: intent.moveY, kick: intent.kick });
    this.meter.onInputSent(this.seq);
  }

  startMatch(): void {
    this.send({ t: "start" });
  }

  leave(): Promise<void> {
    this.open = false;
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) { resolve(); return; }
      const timer = setTimeout(() => { this.socket.terminate(); resolve(); }, 2000);
      this.socket.once("close", () => { clearTimeout(timer); resolve(); });
      this.socket.close(1000);
    });
  }
}
