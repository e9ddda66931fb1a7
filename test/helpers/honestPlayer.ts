// Test helper: an honest player that sends a scripted input every frame and checks, at every state patch, that the server's copy of it equals the shared step's replay of its acknowledged inputs.
import { sendIntent, type InputChannel } from "../../game/net/inputChannel.ts";
import { TICK_HZ } from "../../shared/constants.ts";
import { sanitizeInput, type InputIntent } from "../../shared/input.ts";
import { applyPlayerInput, type PlayerBody } from "../../shared/physics.ts";
import { inputChannel, type Joined } from "./server.ts";

const FRAME_MS = 1000 / 60;

export interface HonestReport {
  name: string;
  inputsSent: number;
  inputsAcked: number;
  /** Patches at which the server's position and velocity were compared with the replay. */
  checks: number;
  mismatches: number;
  firstMismatch: string | null;
  patches: number;
  /** Longest wall-clock gap between two patches, as this (busy) test process saw it. */
  maxPatchGapMs: number;
  /** Most server ticks between two consecutive patches (2 at 60 Hz ticks and 30 Hz patches): a stalled server shows here. */
  maxTicksPerPatch: number;
}

export class HonestPlayer {
  private readonly handle: InputChannel;
  /** intents[seq - 1] is what was sent as input `seq`. */
  private readonly intents: InputIntent[] = [];
  private readonly replay: PlayerBody;
  private replayedSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private frame = 0;
  private lastPatchAt = 0;
  private lastTick = -1;
  readonly report: HonestReport;

  /** `script(frame)` is the intent for the n-th frame; the player must not have sent input before. */
  private readonly joined: Joined;
  private readonly script: (frame: number) => InputIntent;

  constructor(joined: Joined, name: string, script: (frame: number) => InputIntent) {
    this.joined = joined;
    this.script = script;
    const me = joined.room.state.players.get(joined.room.sessionId);
    if (!me) throw new Error(`${name} is not in the room state yet`);
    this.replay = { x: me.x, y: me.y, vx: me.vx, vy: me.vy, kicking: me.kicking, kickCooldown: me.kickCooldown };
    this.handle = inputChannel(joined);
    this.report = { name, inputsSent: 0, inputsAcked: 0, checks: 0, mismatches: 0, firstMismatch: null, patches: 0, maxPatchGapMs: 0, maxTicksPerPatch: 0 };
    joined.room.onStateChange(() => this.onPatch());
  }

  start(): void {
    this.lastPatchAt = performance.now();
    this.timer = setInterval(() => this.sendFrame(), FRAME_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get allAcked(): boolean {
    return this.handle.lastProcessed === this.handle.sentCount;
  }

  private sendFrame(): void {
    const intent = this.script(this.frame++);
    const seq = sendIntent(this.handle, intent);
    if (seq === 0) return;
    this.intents[seq - 1] = { ...intent };
    this.report.inputsSent = seq;
  }

  private onPatch(): void {
    const now = performance.now();
    if (this.report.patches > 0) this.report.maxPatchGapMs = Math.max(this.report.maxPatchGapMs, now - this.lastPatchAt);
    this.lastPatchAt = now;
    this.report.patches += 1;
    const tick = this.joined.room.state.tick;
    if (this.lastTick >= 0) this.report.maxTicksPerPatch = Math.max(this.report.maxTicksPerPatch, tick - this.lastTick);
    this.lastTick = tick;
    const acked = this.handle.lastProcessed;
    this.report.inputsAcked = acked;
    while (this.replayedSeq < acked) {
      const intent = this.intents[this.replayedSeq];
      this.replayedSeq += 1;
      if (!intent) return; // acked before we recorded it: cannot happen on one thread, but never guess
      applyPlayerInput(this.replay, sanitizeInput({ ...intent }), 1 / TICK_HZ);
    }
    const me = this.joined.room.state.players.get(this.joined.room.sessionId);
    if (!me || this.replayedSeq === 0) return;
    this.report.checks += 1;
    const server = { x: me.x, y: me.y, vx: me.vx, vy: me.vy };
    const expected = { x: this.replay.x, y: this.replay.y, vx: this.replay.vx, vy: this.replay.vy };
    if (server.x !== expected.x || server.y !== expected.y || server.vx !== expected.vx || server.vy !== expected.vy) {
      this.report.mismatches += 1;
      this.report.firstMismatch ??= `after input ${acked}: server ${JSON.stringify(server)} ≠ replay ${JSON.stringify(expected)}`;
    }
  }
}
