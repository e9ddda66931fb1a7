// The match room: an adapter around shared/match. Lifecycle, auth and moderation here; commands go into the sim, its events come out as chat and listing.
import { randomBytes } from "node:crypto";
import { StateView } from "@colyseus/schema";
import {
  Room, ServerError,
  type AuthContext, type Client, type RoomException, type RoomMethodName, type StepContext,
} from "colyseus";
import { CLOSE, MATCH_LIMITS, PATCH_MS, TICK_HZ } from "../../shared/constants.ts";
import { PlayerInput } from "../../shared/input.ts";
import { liveSnapshotOf, type LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { applySettings } from "../../shared/match/commands.ts";
import { CreateOptions, describeIssue, ServerMessage, type JoinCardInfo } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { serverConfig } from "../config.ts";
import { requestScope } from "../limits/clientAddress.ts";
import { quotas, type Refusal } from "../limits/quotas.ts";
import { StepTimer, timePatch } from "../metrics.ts";
import { matchStore } from "../replays/history.ts";
import { MatchRecorder } from "../replays/matchRecorder.ts";
import type { MatchVisibility } from "../storage/matchStore.ts";
import { admitReservation, SEAT_RESERVATION_SECONDS, type ReservationJudge } from "./admission.ts";
import { DropJudge } from "./dropJudge.ts";
import { passHostOn, takeHostIfFree } from "./hostRole.ts";
import { joinCardOf } from "./joinCard.ts";
import { liveRefusal, listingOf } from "./listing.ts";
import { Moderation } from "./moderation.ts";
import { MatchDriver } from "./matchDriver.ts";
import { RoomActions } from "./roomActions.ts";
import { RoomVoice } from "./roomVoice.ts";
import { containRoomError } from "./roomErrors.ts";
import { judgeSeat } from "./seatRules.ts";

export class MatchRoom extends Room<{ state: MatchState; input: PlayerInput }> implements ReservationJudge {
  state = new MatchState();
  seatReservationTimeout = SEAT_RESERVATION_SECONDS;
  // No maxMessagesPerSecond: its fixed one-second window threw out honest players after a stall;
  // every socket's rate is limited in the transport instead (server/messageRate.ts).
  patchRate = PATCH_MS;
  maxClients = MATCH_LIMITS.playersPerTeam.max * 2 + MATCH_LIMITS.maxSpectators + MATCH_LIMITS.maxObservers;
  // No `sanitize` hook: it runs on the decoder's live instance, and the input channel is delta-encoded
  // (only changed fields are resent), so a normalised diagonal would stick to later inputs. The sim
  // sanitises each buffered copy it takes. Holds the 30 inputs a 2 fps frame sends at once (stepPacer.ts).
  inputs = this.defineInput(PlayerInput, { bufferMaxSize: 32 });

  /** How the room tells its players news and refusals (codes on the wire, worded by the page). */
  private readonly voice = new RoomVoice(this);
  /** The match sim this room adapts: commands in, state into the schema, events out as chat. */
  readonly match = new MatchDriver<Client>(this.state, {
    announce: (news) => this.voice.announce(news), notice: (client, reason) => this.voice.notice(client, reason), publishListing: () => this.publishListing(),
    instantReplay: (bytes) => this.broadcast(ServerMessage.instantReplay, bytes),
  }, () => this.roomId);
  /** This room's steps, timed for GET /metrics (late starts are measured per room). */
  private readonly stepTimer = new StepTimer();
  private password = "";
  private readonly moderation = new Moderation();
  private readonly actions = new RoomActions({
    state: this.state,
    moderation: this.moderation,
    command: (client, command) => this.match.command(client, command),
    announce: (news) => this.voice.announce(news),
    notice: (client, reason) => this.voice.notice(client, reason),
    chat: (line) => this.voice.chat(line),
    clientById: (sessionId) => this.clients.getById(sessionId),
    setLocked: (locked) => void (locked ? this.lock() : this.unlock()),
    publishListing: () => this.publishListing(),
    now: () => this.clock.currentTime,
  });
  private readonly drops = new DropJudge();

  messages = this.actions.messages();

  onCreate(rawOptions: unknown): void {
    const parsed = CreateOptions.safeParse(rawOptions ?? {});
    if (!parsed.success) throw new ServerError(400, `invalid room options: ${describeIssue(parsed.error)}`);
    // Charged to the address whose request creates the room (none when another process's request does).
    const creator = requestScope.getStore()?.address;
    const refusal = creator === undefined ? null : quotas.admitRoom(creator, this.roomId, Date.now());
    if (refusal) throw new ServerError(refusal.status, refusal.message);
    this.password = parsed.data.password ?? "";
    this.state.settings.isPrivate = parsed.data.isPrivate === true;
    this.state.settings.hasPassword = this.password.length > 0;
    applySettings(this.match.sim, parsed.data);
    this.match.publish();
    if (this.state.settings.isPrivate) void this.setPrivate(true);
    this.setFixedTimestep((ctx) => this.step(ctx), TICK_HZ);
    this.publishListing();
    const store = matchStore();
    if (store) {
      const visibility = (): MatchVisibility => (this.password ? "password" : this.state.settings.isPrivate ? "private" : "public");
      this.match.recorder = new MatchRecorder(store, { roomId: () => this.roomId, visibility }, () => randomBytes(9).toString("base64url"), (matchId) => {
        this.state.replayId = matchId;
      });
    }
  }

  /** Runs at seat reservation, in the matchmaking request (see admission.ts); the same rules run again at connect. */
  static async onAuth(_token: string, rawOptions: unknown, context: AuthContext): Promise<{ sessionId: string }> {
    return admitReservation(rawOptions, context);
  }

  /** Why these join options would be refused, or null: asked at reservation (remoteRoomCall) and at connect. */
  reservationRefusal(rawOptions: unknown): Refusal | null {
    const judged = this.judge(rawOptions);
    return "refusal" in judged ? judged.refusal : null;
  }

  private judge(rawOptions: unknown): ReturnType<typeof judgeSeat> {
    return judgeSeat(rawOptions, { state: this.state, password: this.password, moderation: this.moderation });
  }

  onJoin(client: Client, rawOptions: unknown): void {
    quotas.claimPending(client.sessionId);
    const judged = this.judge(rawOptions);
    if ("refusal" in judged) throw new ServerError(judged.refusal.status, judged.refusal.message);
    const { seating } = judged;
    this.drops.watch(client);
    // A hidden observer gets the state and nothing else: no player, no announcement, no listing change.
    if (seating.observe) return this.moderation.addObserver(client.sessionId);
    this.moderation.seat(client.sessionId, seating.deviceId);
    this.match.command(client, { kind: "join", id: client.sessionId, name: seating.name, spectate: seating.spectate });
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    player.chatMuted = this.moderation.isMutedDevice(seating.deviceId);
    this.giveOwnView(client);
    takeHostIfFree(this.state, client.sessionId);
    this.voice.joined(player.name, this.match.sim.players.get(client.sessionId)?.team ?? "spectator");
  }

  /** A reloaded page reconnecting: the framework may close its stale socket with 4002 (see DropJudge). */
  override checkReconnectionToken(reconnectionToken: string): string {
    this.drops.reconnecting(this.clients.find((client) => client.reconnectionToken === reconnectionToken));
    return super.checkReconnectionToken(reconnectionToken);
  }

  onDrop(client: Client, code?: number): void {
    if (!this.drops.holdsSeat(client, code)) return;
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    player.connected = false;
    this.voice.announce({ kind: "lostConnection", name: player.name, graceSeconds: serverConfig.reconnectGraceSeconds });
    this.allowReconnection(client, serverConfig.reconnectGraceSeconds).catch(() => {
      // Rejected when the grace period ends or the room disposes; onLeave frees the slot.
    });
  }

  /** Graceful shutdown (SIGTERM): say why, then close with our own code, which the SDK does not retry
   * (the framework's default, 4001, is also final; ours lets the page say "restarting"). */
  onBeforeShutdown(): void {
    this.voice.notice(undefined, { code: "serverRestarting" });
    this.disconnect(CLOSE.serverRestart).catch(() => {
      // Already disposing.
    });
  }

  /** A throwing handler costs only its sender, never the process (see roomErrors.ts). */
  onUncaughtException(error: RoomException, methodName: RoomMethodName): void {
    containRoomError(this.roomId, error, methodName);
  }

  onReconnect(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    // Kicked while away: the held seat is gone, so the reconnection is too.
    if (!player) return client.leave(CLOSE.kicked, "Kicked by the host");
    this.giveOwnView(client);
    player.connected = true;
    this.voice.announce({ kind: "back", name: player.name });
  }

  onLeave(client: Client): void {
    const name = this.state.players.get(client.sessionId)?.name;
    this.match.command(undefined, { kind: "leave", id: client.sessionId });
    this.actions.forget(client.sessionId);
    this.drops.forget(client.sessionId);
    this.moderation.forget(client.sessionId);
    if (name !== undefined) this.voice.left(name);
    const newHost = passHostOn(this.state, client.sessionId);
    if (newHost !== null) this.voice.announce({ kind: "newHost", name: newHost });
  }

  /** Every state patch (encode + send), timed for GET /metrics beside the step it follows. */
  broadcastPatch(): boolean {
    const sent = timePatch();
    const changed = super.broadcastPatch();
    sent();
    return changed;
  }

  /** One fixed step of the sim on the inputs buffered since the last, then its state into the schema. */
  private step(ctx: StepContext): void {
    const stepped = this.stepTimer.start();
    this.state.tick = ctx.tick;
    this.match.step(ctx.dt, (id: string) => this.inputs.get(id));
    stepped();
  }

  /** Lets a client see its own player's velocity (a view-only field) for its reconciler. */
  private giveOwnView(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    client.view = new StateView();
    if (player) client.view.add(player);
  }

  onDispose(): Promise<void> | void {
    quotas.releaseRoom(this.roomId, Date.now());
    // A match cut off by the room closing is kept as "abandoned"; the last write finishes before the room goes.
    return this.match.recorder?.abandon(this.match.sim);
  }

  /** The compact live view GET /api/rooms/<id>/live serves (through remoteRoomCall, so plain JSON). */
  liveSnapshot(password?: unknown): LiveSnapshot | Refusal {
    return liveRefusal(this.state, this.password, password) ?? liveSnapshotOf(this.roomId, this.state, this.clock.elapsedTime);
  }

  /** What a share link's join card shows (GET /api/rooms/<id>/card, through remoteRoomCall like liveSnapshot). */
  joinCard(): JoinCardInfo {
    return joinCardOf(this.roomId, this.state);
  }

  publishListing(): void {
    void this.setMetadata(listingOf(this.state));
  }
}
