// The match room: an adapter around shared/match. Lifecycle, auth and moderation here; commands go into the sim, its events come out as chat and listing.
import { StateView } from "@colyseus/schema";
import {
  CloseCode, OnMessageException, Room, ServerError, validate,
  type AuthContext, type Client, type RoomException, type RoomMethodName, type StepContext,
} from "colyseus";
import { CLOSE, MATCH_LIMITS, PATCH_MS, TICK_HZ } from "../../shared/constants.ts";
import { PlayerInput } from "../../shared/input.ts";
import { liveSnapshotOf, type LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { applyCommand, applySettings, type MatchCommand } from "../../shared/match/commands.ts";
import { liveSink, type MatchEvent } from "../../shared/match/events.ts";
import { recordingQueue, startLog, type CommandLog } from "../../shared/match/replay.ts";
import { createMatchSim, type InputQueue } from "../../shared/match/sim.ts";
import { stepMatch } from "../../shared/match/step.ts";
import { longestPresentHuman } from "../../shared/match/teams.ts";
import { announcementText, refusalText, whereText } from "../../shared/match/wording.ts";
import {
  AddBotPayload, ChatPayload, ClientMessage, CreateOptions, describeIssue, EmptyPayload, KickPlayerPayload, LockRoomPayload,
  MovePlayerPayload, MutePlayerPayload, RemoveBotPayload, RenamePayload, ServerMessage, SetTeamPayload, SettingsPayload,
  type ChatLine, type JoinCardInfo, type Notice,
} from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { serverConfig } from "../config.ts";
import { requestScope } from "../limits/clientAddress.ts";
import { quotas, type Refusal } from "../limits/quotas.ts";
import { serverLog } from "../log.ts";
import { PatchTimer, StepTimer } from "../metrics.ts";
import { admitReservation, SEAT_RESERVATION_SECONDS, type ReservationJudge } from "./admission.ts";
import { Allowances, type AllowanceKind } from "./allowances.ts";
import { Announcer } from "./announcements.ts";
import { joinCardOf } from "./joinCard.ts";
import { liveRefusal, listingOf } from "./listing.ts";
import { Moderation } from "./moderation.ts";
import { MatchPublisher } from "./publishMatch.ts";
import { checkRename } from "./rename.ts";
import { judgeSeat } from "./seatRules.ts";

const TOO_FAST: Record<AllowanceKind, string> = {
  chat: "You are sending messages too fast", teamChange: "You are changing teams too fast", rename: "You are renaming too fast",
};

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

  /** The match itself: every rule of play lives there; the schema is its published copy. */
  readonly sim = createMatchSim();
  /** The commands and inputs the sim was given since startRecording (tests replay it). */
  commandLog: CommandLog | null = null;
  private readonly sink = liveSink();
  private readonly publisher = new MatchPublisher();
  private password = "";
  private readonly allowances = new Allowances();
  private readonly moderation = new Moderation();
  /** Clients whose socket failed with a protocol error (e.g. a frame over maxPayload → 1009). */
  private readonly brokenSockets = new Set<string>();
  /** Join and leave lines, coalesced so churn cannot flood the chat. */
  private readonly announcer = new Announcer({
    send: (text) => this.systemChat(text), later: (callback, ms) => { this.clock.setTimeout(callback, ms); }, now: () => this.clock.currentTime,
  });

  messages = {
    [ClientMessage.chat]: validate(ChatPayload, (client, message) => this.onChat(client, message.text)),
    [ClientMessage.setTeam]: validate(SetTeamPayload, (client, message) => {
      // Every team change is announced to the whole room: capped like chat.
      if (this.sim.players.get(client.sessionId)?.team === message.team || this.allow(client, "teamChange")) this.command(client, { kind: "setTeam", id: client.sessionId, team: message.team });
    }),
    [ClientMessage.startMatch]: validate(EmptyPayload, (client) => this.hostOnly(client, () => this.command(client, { kind: "start" }))),
    [ClientMessage.stopMatch]: validate(EmptyPayload, (client) => this.hostOnly(client, () => this.command(client, { kind: "stop" }))),
    [ClientMessage.updateSettings]: validate(SettingsPayload, (client, message) => this.hostOnly(client, () => this.command(client, { kind: "settings", settings: message }))),
    [ClientMessage.movePlayer]: validate(MovePlayerPayload, (client, message) => this.hostOnly(client, () => this.command(client, { kind: "setTeam", id: message.sessionId, team: message.team }))),
    [ClientMessage.kickPlayer]: validate(KickPlayerPayload, (client, message) => this.hostOnly(client, () => this.kickPlayer(client, message.sessionId, message.reason))),
    [ClientMessage.lockRoom]: validate(LockRoomPayload, (client, message) => this.hostOnly(client, () => this.setLocked(message.locked))),
    [ClientMessage.addBot]: validate(AddBotPayload, (client, message) => this.hostOnly(client, () => this.command(client, { kind: "addBot", team: message.team }))),
    [ClientMessage.removeBot]: validate(RemoveBotPayload, (client, message) => this.hostOnly(client, () => this.command(client, { kind: "removeBot", id: message.sessionId }))),
    [ClientMessage.rename]: validate(RenamePayload, (client, message) => this.onRename(client, message.name)),
    [ClientMessage.mutePlayer]: validate(MutePlayerPayload, (client, message) => this.hostOnly(client, () => this.mutePlayer(client, message.sessionId, message.muted))),
    // Anything the protocol does not name is a broken or hostile client: disconnect only that one.
    // `type` is unknown on purpose: a message literally named "*" arrives here with its payload in this
    // slot, and String() of a crafted object ({ toString: 1 }) threw and took the whole process down.
    "*": (client: Client, type: unknown) => {
      const name = typeof type === "string" || typeof type === "number" ? String(type).slice(0, 40) : "*";
      client.leave(CLOSE.badInput, `unknown message type ${name}`);
    },
  };

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
    applySettings(this.sim, parsed.data);
    this.publisher.publish(this.sim, this.state);
    if (this.state.settings.isPrivate) void this.setPrivate(true);
    this.setFixedTimestep((ctx) => this.step(ctx), TICK_HZ);
    void this.publishListing();
  }

  /** Runs at seat reservation, in the matchmaking request (see admission.ts); the same rules run again at connect. */
  static async onAuth(_token: string, rawOptions: unknown, context: AuthContext): Promise<{ sessionId: string }> {
    return admitReservation(rawOptions, context);
  }

  /** Why these join options would be refused, or null: asked at reservation (remoteRoomCall) and at connect. */
  reservationRefusal(rawOptions: unknown): Refusal | null {
    const judged = judgeSeat(rawOptions, { state: this.state, password: this.password, moderation: this.moderation });
    return "refusal" in judged ? judged.refusal : null;
  }

  onJoin(client: Client, rawOptions: unknown): void {
    quotas.claimPending(client.sessionId);
    const judged = judgeSeat(rawOptions, { state: this.state, password: this.password, moderation: this.moderation });
    if ("refusal" in judged) throw new ServerError(judged.refusal.status, judged.refusal.message);
    const { seating } = judged;
    // ws closes an oversized frame with 1009 but the room only sees 1006, like a network drop:
    // remember the socket error so that client's seat is not held for a reconnection.
    client.ref.once("error", () => this.brokenSockets.add(client.sessionId));
    // A hidden observer gets the state and nothing else: no player, no announcement, no listing change.
    if (seating.observe) return this.moderation.addObserver(client.sessionId);
    this.moderation.seat(client.sessionId, seating.deviceId);
    this.command(client, { kind: "join", id: client.sessionId, name: seating.name, spectate: seating.spectate });
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    player.chatMuted = this.moderation.isMutedDevice(seating.deviceId);
    this.giveOwnView(client);
    if (!this.state.hostId) this.state.hostId = client.sessionId;
    this.announcer.joined(player.name, whereText(this.sim.players.get(client.sessionId)?.team ?? "spectator"));
  }

  onDrop(client: Client, code?: number): void {
    // Clients we threw out (bad input, kicked) do not get their seat held.
    if (code === CloseCode.WITH_ERROR || (code !== undefined && code >= 4100)) return;
    if (this.brokenSockets.has(client.sessionId)) return;
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    player.connected = false;
    this.systemChat(`${player.name} lost connection — holding the slot for ${serverConfig.reconnectGraceSeconds} s`);
    this.allowReconnection(client, serverConfig.reconnectGraceSeconds).catch(() => {
      // Rejected when the grace period ends or the room disposes; onLeave frees the slot.
    });
  }

  /** Graceful shutdown (SIGTERM): say why, then close with our own code, which the SDK does not retry
   * (the framework's default, 4001, is also final; ours lets the page say "restarting"). */
  onBeforeShutdown(): void {
    this.notice(undefined, "Server restarting…");
    this.disconnect(CLOSE.serverRestart).catch(() => {
      // Already disposing.
    });
  }

  /** A handler that throws costs only the client that sent the message, never the process: without
   * this hook the error escapes into the socket's emitter and the uncaught-exception handler stops
   * every room on the server. Errors from onAuth/onCreate/onJoin are rethrown to the joiner anyway. */
  onUncaughtException(error: RoomException, methodName: RoomMethodName): void {
    if (error instanceof OnMessageException) {
      serverLog.error(`[match ${this.roomId}] a message handler threw; disconnecting its sender:`, error.cause ?? error);
      error.client.leave(CLOSE.badInput, "message rejected");
      return;
    }
    if (methodName === "onAuth" || methodName === "onCreate" || methodName === "onJoin") return;
    serverLog.error(`[match ${this.roomId}] ${methodName} threw:`, error.cause ?? error);
  }

  onReconnect(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    // Kicked while away: the held seat is gone, so the reconnection is too.
    if (!player) return client.leave(CLOSE.kicked, "Kicked by the host");
    this.giveOwnView(client);
    player.connected = true;
    this.systemChat(`${player.name} is back`);
  }

  onLeave(client: Client): void {
    const name = this.state.players.get(client.sessionId)?.name;
    this.command(undefined, { kind: "leave", id: client.sessionId });
    this.allowances.forget(client.sessionId);
    this.brokenSockets.delete(client.sessionId);
    this.moderation.forget(client.sessionId);
    if (name !== undefined) this.announcer.left(name);
    if (this.state.hostId === client.sessionId) this.migrateHost();
  }

  /** Every state patch (encode + send), timed for GET /metrics beside the step it follows. */
  broadcastPatch(): boolean {
    const timer = PatchTimer.start();
    const changed = super.broadcastPatch();
    timer.stop();
    return changed;
  }

  /** Starts writing every command and step the sim is given into `commandLog`, from the sim as it stands. */
  startRecording(): void {
    this.commandLog = startLog(this.sim);
  }

  /** One fixed step of the sim on the inputs buffered since the last, then its state into the schema. */
  private step(ctx: StepContext): void {
    const timer = StepTimer.start();
    this.state.tick = ctx.tick;
    const log = this.commandLog;
    const taken: Record<string, PlayerInput[]> = {};
    const queueOf = (id: string): InputQueue => {
      const channel = this.inputs.get(id);
      return log ? recordingQueue(channel, (taken[id] = [])) : channel;
    };
    stepMatch(this.sim, { queueOf }, ctx.dt, this.sink);
    log?.entries.push({ kind: "step", dt: ctx.dt, inputs: taken });
    this.publisher.publish(this.sim, this.state);
    this.handleEvents();
    timer.stop();
  }

  /** Gives the sim one command from `client` (undefined: the room itself); a refusal goes back to the client. */
  private command(client: Client | undefined, command: MatchCommand): void {
    this.commandLog?.entries.push({ kind: "command", command: structuredClone(command) });
    const refusal = applyCommand(this.sim, command, this.sink);
    this.publisher.publish(this.sim, this.state);
    if (refusal) this.notice(client, refusalText(refusal));
    this.handleEvents();
    if (!refusal && command.kind !== "rename") void this.publishListing();
  }

  /** The sim's events out: announcements into the chat, and a fresh listing when the score or phase moved. */
  private handleEvents(): void {
    const events = this.sink.events.splice(0);
    for (const event of events) {
      const text = announcementText(event);
      if (text) this.systemChat(text);
    }
    if (events.some(changesListing)) void this.publishListing();
  }

  private kickPlayer(host: Client, sessionId: string, reason: string | undefined): void {
    if (sessionId === host.sessionId) return this.notice(host, "You cannot kick yourself");
    const player = this.state.players.get(sessionId);
    if (!player) return this.notice(host, "No such player");
    if (player.isBot) return this.command(host, { kind: "removeBot", id: sessionId });
    const why = reason?.trim() || "no reason given";
    // Kicked means out of this room for good (for this device): the share link refuses them from now on.
    this.moderation.ban(sessionId);
    this.systemChat(`${player.name} was kicked by the host (${why})`);
    const target = this.clients.getById(sessionId);
    if (target) target.leave(CLOSE.kicked, `Kicked by the host: ${why}`);
    else this.command(undefined, { kind: "leave", id: sessionId }); // a dropped player waiting to reconnect
  }

  private onChat(client: Client, text: string): void {
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    if (player.chatMuted) return this.notice(client, "The host has muted your chat");
    if (!this.allow(client, "chat")) return;
    const line: ChatLine = { from: player.name, fromId: client.sessionId, team: player.team, text, system: false };
    this.broadcast(ServerMessage.chat, line);
  }

  /** Renames are announced to everyone, so they are capped like team changes. */
  private onRename(client: Client, requested: string): void {
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    const check = checkRename(this.state.players, client.sessionId, requested);
    if (!check.ok) return this.notice(client, check.error);
    if (check.name === player.name || !this.allow(client, "rename")) return;
    this.systemChat(`${player.name} is now ${check.name}`);
    this.command(client, { kind: "rename", id: client.sessionId, name: check.name });
    void this.publishListing();
  }

  private mutePlayer(host: Client, sessionId: string, muted: boolean): void {
    const player = this.state.players.get(sessionId);
    if (!player || player.isBot || sessionId === host.sessionId) return this.notice(host, "You cannot mute that player");
    if (player.chatMuted === muted) return;
    player.chatMuted = muted;
    this.moderation.setMuted(sessionId, muted);
    this.systemChat(muted ? `The host muted ${player.name}` : `The host unmuted ${player.name}`);
  }

  private setLocked(locked: boolean): void {
    this.state.settings.locked = locked;
    void (locked ? this.lock() : this.unlock());
    this.systemChat(locked ? "The host locked the room" : "The host unlocked the room");
    void this.publishListing();
  }

  /** Takes one of the client's allowance slots of `kind`, or tells it to slow down. */
  private allow(client: Client, kind: AllowanceKind): boolean {
    if (this.allowances.take(kind, client.sessionId, this.clock.currentTime)) return true;
    this.notice(client, TOO_FAST[kind]);
    return false;
  }

  private hostOnly(client: Client, action: () => void): void {
    if (client.sessionId !== this.state.hostId) return this.notice(client, "Only the host can do that");
    action();
  }

  /** The longest-present connected player becomes host. */
  private migrateHost(): void {
    const next = longestPresentHuman(this.state.players);
    this.state.hostId = next;
    const host = this.state.players.get(next);
    if (host) this.systemChat(`${host.name} is now the host`);
  }

  /** Lets a client see its own player's velocity (a view-only field) for its reconciler. */
  private giveOwnView(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    client.view = new StateView();
    if (player) client.view.add(player);
  }

  private systemChat(text: string): void {
    const line: ChatLine = { from: "", fromId: "", team: "", text, system: true };
    this.broadcast(ServerMessage.chat, line);
  }

  /** An error notice to one client, or to everyone when `client` is undefined. */
  private notice(client: Client | undefined, text: string): void {
    const notice: Notice = { level: "error", text };
    if (client) client.send(ServerMessage.notice, notice);
    else this.broadcast(ServerMessage.notice, notice);
  }

  onDispose(): void {
    quotas.releaseRoom(this.roomId, Date.now());
  }

  /** The compact live view GET /api/rooms/<id>/live serves (through remoteRoomCall, so plain JSON). */
  liveSnapshot(password?: unknown): LiveSnapshot | Refusal {
    return liveRefusal(this.state, this.password, password) ?? liveSnapshotOf(this.roomId, this.state, this.clock.elapsedTime);
  }

  /** What a share link's join card shows (GET /api/rooms/<id>/card, through remoteRoomCall like liveSnapshot). */
  joinCard(): JoinCardInfo {
    return joinCardOf(this.roomId, this.state);
  }

  private publishListing(): Promise<void> {
    return this.setMetadata(listingOf(this.state));
  }
}

/** Events after which the lobby's line for this room reads differently. */
function changesListing(event: MatchEvent): boolean {
  return event.kind === "goal" || event.kind === "matchEnded";
}
