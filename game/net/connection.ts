// The client's one door to the server: joins rooms through @colyseus/sdk, sends inputs, predicts and smooths.
import { Callbacks, Client, Predict, type Reconciler, type Room } from "@colyseus/sdk";
import type { Data } from "@colyseus/schema";
import type { InputIntent, PlayerInput } from "../../shared/input.ts";
import { applyMatchInput } from "../../shared/match/step.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";
import {
  MATCH_ROOM, MAX_INSTANT_REPLAY_BYTES, ServerMessage,
  type ChatLine, type ClientMessageName, type ClientPayload, type CreateOptions, type JoinOptions, type Notice,
} from "../../shared/protocol.ts";
import { MatchState, type Ball, type Player } from "../../shared/state.ts";
import { NetworkConditioner } from "./badNetwork.ts";
import { DrawnStateRecorder, type DrawnStateView } from "./drawnState.ts";
import { refusedAsStatus } from "./joinRefused.ts";
import { serverEndpoint } from "./endpoint.ts";
import { openInputChannel, sendIntent, type InputChannel } from "./inputChannel.ts";
import { NetworkPing } from "./networkPing.ts";
import { forgetSeat, saveSeat } from "./seat.ts";
import { send } from "./send.ts";
import { StepPacer } from "./stepPacer.ts";
import { TrafficMeter } from "./traffic.ts";

/** How far in the past remote players and the ball are drawn (ms). Why: 1.5 snapshot intervals at
 * 30 Hz rides out normal jitter while keeping remotes within DESIGN's ~50 ms budget. */
export const INTERPOLATION_DELAY_MS = 50;

/** Fields the reconciler mirrors for the local player (everything applyPlayerInput reads or writes). */
const PREDICTED_FIELDS = ["x", "y", "vx", "vy", "kicking"] as const;

/** The intent held at a moment (performance.now() time), so each fixed step uses the keys of its own time. */
export type IntentAt = (timeMs: number) => InputIntent;

export interface ConnectionListeners {
  chat?: (line: ChatLine) => void;
  notice?: (notice: Notice) => void;
  /** A goal's run-up as a replay file (checked for type and size here, read by the instant replay view). */
  instantReplay?: (bytes: Uint8Array) => void;
  /** The connection dropped; the SDK is trying to get back into the same seat. */
  drop?: () => void;
  reconnect?: () => void;
  /** Final: the room is gone for this client (code from the server or the SDK). */
  leave?: (code: number, reason?: string) => void;
  playerAdded?: (sessionId: string, player: Player) => void;
  playerRemoved?: (sessionId: string) => void;
}

type MatchRoomHandle = Room<unknown, MatchState>;

export class MatchConnection {
  readonly predict: Predict<MatchState>;
  readonly traffic: TrafficMeter;
  /** Optional simulated bad network (delay, jitter, loss) between this page and the server; off by default. */
  readonly conditioner = new NetworkConditioner();
  /** What the scene draws next to the server state received (read-only; debug hook, panel, tests). */
  readonly drawn: DrawnStateRecorder;
  private input: InputChannel | null = null;
  private reconciler: Reconciler<Player, Data<PlayerInput>> | null = null;
  private listeners: ConnectionListeners = {};
  /** Corrections the reconciler applied, for the network panel. */
  corrections = 0;
  lastCorrectionSize = 0;
  private readonly room: MatchRoomHandle;
  private readonly ping: NetworkPing;
  private readonly pacer = new StepPacer();
  private closed = false;

  private constructor(room: MatchRoomHandle) {
    this.room = room;
    this.traffic = new TrafficMeter();
    this.ping = new NetworkPing(room);
    this.predict = Predict.get(room, { mode: "lerp", delay: INTERPOLATION_DELAY_MS });
    this.drawn = new DrawnStateRecorder(room);
    // Register handlers before any await so messages sent during join are not lost.
    room.onMessage(ServerMessage.chat, (line: ChatLine) => this.listeners.chat?.(line));
    room.onMessage(ServerMessage.notice, (notice: Notice) => this.listeners.notice?.(notice));
    room.onMessage(ServerMessage.instantReplay, (bytes: unknown) => {
      if (bytes instanceof Uint8Array && bytes.length <= MAX_INSTANT_REPLAY_BYTES) this.listeners.instantReplay?.(bytes);
    });
    room.onDrop(() => this.listeners.drop?.());
    room.onReconnect(() => {
      // The SDK stores the fresh token right after this signal: save it once it is there.
      setTimeout(() => this.rememberSeat(), 0);
      this.listeners.reconnect?.();
    });
    room.onLeave((code, reason) => {
      this.closed = true;
      this.ping.stop();
      forgetSeat();
      this.listeners.leave?.(code, reason);
    });
    this.rememberSeat();
    this.traffic.attach(room);
    // Retry often enough to come back inside the server's reconnection grace period, at most 2 s apart.
    room.reconnection.maxDelay = 2000;
    room.reconnection.maxRetries = 30;
    this.conditioner.attach(room);
    // The SDK's clock rejects an RTT sample over 4× its smoothed RTT as a spike, so a switched-on
    // bad network would never show in the ping: start its estimate afresh whenever the settings change.
    // (reset() is on the SDK's clock implementation but not on its exported interface.)
    this.conditioner.onConfigure(() => {
      (room.clock as typeof room.clock & { reset?: () => void }).reset?.();
      // The ping shown is the lowest recent reply: start it afresh too, and ask at once.
      this.ping.reset();
    });
    // Attach prediction only after the first full state: instances have no refId before it.
    room.onStateChange.once(() => this.watchState());
  }

  private static client(): Client {
    return new Client(serverEndpoint());
  }

  static async quickPlay(options: JoinOptions): Promise<MatchConnection> {
    return new MatchConnection(await refusedAsStatus(() => MatchConnection.client().joinOrCreate(MATCH_ROOM, options, MatchState)));
  }

  static async host(options: CreateOptions): Promise<MatchConnection> {
    return new MatchConnection(await refusedAsStatus(() => MatchConnection.client().create(MATCH_ROOM, options, MatchState)));
  }

  static async joinById(roomId: string, options: JoinOptions): Promise<MatchConnection> {
    return new MatchConnection(await refusedAsStatus(() => MatchConnection.client().joinById(roomId, options, MatchState)));
  }

  /** Back into the seat this tab held (after a reload or a reopened tab), with the SDK's reconnection token. */
  static async reconnect(token: string): Promise<MatchConnection> {
    return new MatchConnection(await MatchConnection.client().reconnect(token, MatchState));
  }

  /** Keeps the SDK's reconnection token for this tab, so a reload reclaims the same seat. */
  private rememberSeat(): void {
    if (!this.closed && this.room.reconnectionToken) saveSeat({ roomId: this.room.roomId, token: this.room.reconnectionToken });
  }

  on(listeners: ConnectionListeners): void {
    this.listeners = { ...this.listeners, ...listeners };
    // Players already decoded before the scene subscribed.
    this.room.state.players.forEach((player, sessionId) => listeners.playerAdded?.(sessionId, player));
  }

  get state(): MatchState {
    return this.room.state;
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  get roomId(): string {
    return this.room.roomId;
  }

  get me(): Player | undefined {
    return this.room.state.players.get(this.room.sessionId);
  }

  get isHost(): boolean {
    return this.room.state.hostId === this.room.sessionId;
  }

  /** ws:// or wss://, read from the URL the socket actually opened. */
  get protocol(): string {
    return /^(wss|https):/.test(this.room.connection.url ?? serverEndpoint()) ? "wss://" : "ws://";
  }

  /** `rtt` is the network round trip only (see NetworkPing); jitter and server time from the SDK's room clock. */
  get clock(): { rtt: number; jitter: number; serverNow: number; lastServerTime: number } {
    const clock = this.room.clock;
    return { rtt: this.ping.rtt, jitter: clock.jitter(), serverNow: clock.serverNow(), lastServerTime: clock.lastServerTime() };
  }

  get tickRate(): number {
    return this.input?.tickRate ?? 60;
  }

  get pendingInputs(): number {
    return this.input?.pendingCount ?? 0;
  }

  /** Inputs sent and acknowledged by the server so far (0 for a spectator). */
  get inputCounts(): { sent: number; acked: number } {
    return { sent: this.input?.sentCount ?? 0, acked: this.input?.lastProcessed ?? 0 };
  }

  /** The debug view of what is drawn against what the server sent. */
  drawnView(): DrawnStateView {
    return this.drawn.view({ pendingInputs: this.pendingInputs, lastCorrectionSize: this.lastCorrectionSize, droppedSteps: this.pacer.droppedSteps });
  }

  private watchState(): void {
    const callbacks = Callbacks.get(this.room);
    this.predict.attach(this.room.state.ball, { x: "lerp", y: "lerp" } satisfies Partial<Record<keyof Ball, "lerp">>);
    callbacks.onAdd("players", (player, sessionId) => {
      if (sessionId !== this.room.sessionId) {
        this.predict.attach(player, { x: "lerp", y: "lerp" });
      }
      this.listeners.playerAdded?.(sessionId, player);
      if (sessionId === this.room.sessionId) {
        callbacks.listen(player, "team", (team: string) => this.onOwnTeam(player, team));
      }
    });
    callbacks.onRemove("players", (_player, sessionId) => this.listeners.playerRemoved?.(sessionId));
  }

  /** Players get an input channel and a reconciler; spectators never send game input. */
  private onOwnTeam(player: Player, team: string): void {
    if (!isPlayingTeam(team)) {
      this.reconciler?.dispose();
      this.reconciler = null;
      return;
    }
    if (this.reconciler) return;
    this.input ??= openInputChannel(this.room);
    this.reconciler = this.predict.reconciler(player, {
      input: this.input,
      fields: [...PREDICTED_FIELDS],
      smoothMs: 60,
      // A kickoff teleports every player: pop to the new spot instead of gliding across the pitch.
      snap: 120,
      // The exact function the server's fixed step applies per input; only collisions are left to correct.
      step: (ctx, state, command) => {
        // Sanitised on a copy exactly as the server does, so any input source replays identically.
        applyMatchInput(state, { moveX: command.moveX, moveY: command.moveY, kick: command.kick }, this.room.state.phase, ctx.dt);
      },
      // The SDK measures each reconcile's correction (its prediction at the acked input vs the server's
      // truth) only while a divergence tolerance is set: an infinite one turns that on and never warns.
      warnOnDivergence: Number.POSITIVE_INFINITY,
      onReconcile: () => {
        const size = this.reconciler?.lastCorrectionMag ?? 0;
        // Past the snap distance it is a kickoff teleport, not a misprediction.
        if (size > 0.05 && size <= 120) {
          this.corrections += 1;
          this.lastCorrectionSize = size;
        }
      },
    });
  }

  /**
   * Once per rendered frame: advance prediction and send one input per fixed step that fell due since
   * the last frame, each with the intent held at that step's own time. So 60 inputs leave per second
   * at any frame rate, and a key held for a second moves as far at 10 fps as at 60 fps. Returns the steps sent.
   */
  frame(now: number, intentAt: IntentAt): number {
    const predictedSteps = this.predict.tick(now);
    this.ping.afterFrame(now);
    // Our own step count, not the one predict.tick returns: see StepPacer for why.
    const stepMs = 1000 / this.tickRate;
    const stepTimes = this.pacer.due(now, stepMs);
    if (!this.reconciler || !this.input) return 0;
    for (const stepTime of stepTimes) {
      // A step stands for the interval it closes, so it takes the keys held at its end: the last step
      // of a frame then sees a key pressed any time before this frame (the player moves on the next
      // frame), and press and release shift alike, so a held key covers the same distance at any fps.
      sendIntent(this.input, intentAt(stepTime + stepMs));
    }
    // What the scene draws advances with the SDK's own prediction steps: report those for the debug view.
    return predictedSteps;
  }

  /** Where to draw a player: predicted for ourselves, interpolated for everyone else. */
  playerPosition(player: Player): { x: number; y: number } {
    return { x: this.predict.value(player, "x"), y: this.predict.value(player, "y") };
  }

  /** The local player's predicted kick state (answers on the next frame, before the server does). */
  predictedKicking(): boolean | null {
    return this.reconciler ? this.reconciler.state.kicking : null;
  }

  ballPosition(): { x: number; y: number } {
    const ball = this.room.state.ball;
    return { x: this.predict.value(ball, "x"), y: this.predict.value(ball, "y") };
  }

  /** Sends one client message; its payload is typed by the message table (shared/protocol.ts CLIENT_MESSAGES). */
  send<K extends ClientMessageName>(name: K, payload: ClientPayload<K>): void {
    send(this.room, name, payload);
  }

  /** The Leave button: a consented leave, so the server frees the seat at once (no reconnection hold). */
  async leave(): Promise<void> {
    this.closed = true;
    this.ping.stop();
    forgetSeat();
    this.conditioner.dispose();
    this.reconciler?.dispose();
    this.predict.dispose();
    await this.room.leave(true);
  }
}
