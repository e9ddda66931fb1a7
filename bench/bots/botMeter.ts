// What one benchmark bot measures: input→ack latency by sequence number, snapshot age on the room clock, frames, bytes, ticks.
import { wallNow } from "../lib/wallClock.ts";
import type { FleetSinks } from "./fleetSinks.ts";
import type { RoomCalibration } from "./roomCalibration.ts";
import type { WireMeter } from "./wireMeter.ts";

/** Send times kept per bot, indexed by input seq; acks further behind than this are not sampled. */
const SEND_RING = 512;

/** One decoded snapshot as a bot saw it. */
export interface ObservedSnapshot {
  receivedAt: number;
  tick: number;
  serverTimeMs: number;
  scoreRed: number;
  scoreBlue: number;
}

export interface BotWindow {
  inputs: number;
  snapshots: number;
  framesDown: number;
  bytesDown: number;
  bytesUp: number;
  /** Server ticks seen advancing during the window, and over how long. */
  ticks: number;
  tickSpanMs: number;
}

export class BotMeter {
  private readonly sendTimes = new Float64Array(SEND_RING);
  private lastAcked = 0;
  private recording = false;
  private inputs = 0;
  private snapshots = 0;
  private framesDown = 0;
  private firstTick = -1;
  private firstTickAt = 0;
  private lastTick = -1;
  private lastTickAt = 0;
  private readonly roomId: string;
  private readonly wire: WireMeter | null;
  private readonly sinks: FleetSinks;
  private readonly calibration: RoomCalibration;
  private readonly listeners: ((snapshot: ObservedSnapshot) => void)[] = [];

  constructor(roomId: string, wire: WireMeter | null, sinks: FleetSinks) {
    this.roomId = roomId;
    this.wire = wire;
    this.sinks = sinks;
    this.calibration = sinks.calibration(roomId);
  }

  observe(listener: (snapshot: ObservedSnapshot) => void): void {
    this.listeners.push(listener);
  }

  onInputSent(seq: number): void {
    this.sendTimes[seq % SEND_RING] = wallNow();
    if (this.recording) this.inputs += 1;
  }

  /** The server has processed every input up to `lastProcessed`. */
  onAck(lastProcessed: number): void {
    if (lastProcessed <= this.lastAcked) return;
    if (this.recording) {
      const now = wallNow();
      const from = Math.max(this.lastAcked + 1, lastProcessed - SEND_RING + 1);
      for (let seq = from; seq <= lastProcessed; seq++) this.sinks.ack.add(now - this.sendTimes[seq % SEND_RING]);
    }
    this.lastAcked = lastProcessed;
  }

  onFrameDown(): void {
    if (this.recording) this.framesDown += 1;
  }

  onSnapshot(serverTimeMs: number, tick: number, scoreRed: number, scoreBlue: number): void {
    if (!(serverTimeMs > 0)) return; // no room clock sample yet
    const now = wallNow();
    const raw = now - serverTimeMs;
    this.calibration.observe(raw);
    if (this.recording) {
      this.sinks.rawAge(this.roomId).add(raw);
      this.snapshots += 1;
      if (this.firstTick < 0) {
        this.firstTick = tick;
        this.firstTickAt = now;
      }
      this.lastTick = tick;
      this.lastTickAt = now;
    }
    if (this.listeners.length > 0) {
      const snapshot: ObservedSnapshot = { receivedAt: now, tick, serverTimeMs, scoreRed, scoreBlue };
      for (const listener of this.listeners) listener(snapshot);
    }
  }

  begin(): void {
    this.recording = true;
    this.inputs = 0;
    this.snapshots = 0;
    this.framesDown = 0;
    this.firstTick = -1;
    this.lastTick = -1;
    this.wire?.mark();
  }

  end(): BotWindow {
    this.recording = false;
    return {
      inputs: this.inputs,
      snapshots: this.snapshots,
      framesDown: this.framesDown,
      bytesDown: this.wire?.bytesDown ?? 0,
      bytesUp: this.wire?.bytesUp ?? 0,
      ticks: this.lastTick >= 0 ? this.lastTick - this.firstTick : 0,
      tickSpanMs: this.lastTick >= 0 ? this.lastTickAt - this.firstTickAt : 0,
    };
  }
}
