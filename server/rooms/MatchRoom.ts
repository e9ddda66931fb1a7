// The match room: lifecycle, roles and validation around the shared step, which it runs in a 60 Hz fixed timestep.
import { StateView } from "@colyseus/schema";
import {
  CloseCode, OnMessageException, Room, ServerError, validate,
  type AuthContext, type Client, type RoomException, type RoomMethodName, type StepContext,
} from "colyseus";
import { botIntent } from "../../shared/bot.ts";
import { CLOSE, LIMITS, MATCH_LIMITS, PATCH_MS, TICK_HZ } from "../../shared/constants.ts";
import { PlayerInput, sanitizeInput } from "../../shared/input.ts";
import { kickoffSpot, placeBallForKickoff, placeBody } from "../../shared/kickoff.ts";
import { liveSnapshotOf, type LiveSnapshot } from "../../shared/liveSnapshot.ts";
import { isBallLive, recordGoal, startMatch, stepMatchFlow, stopMatch } from "../../shared/matchFlow.ts";
import { applyPlayerInput, stepPhysics, type PlayerBody } from "../../shared/physics.ts";
import {
  AddBotPayload, ChatPayload, ClientMessage, CreateOptions, describeIssue, EmptyPayload, JoinOptions, KickPlayerPayload, LockRoomPayload,
  MovePlayerPayload, MutePlayerPayload, RemoveBotPayload, RenamePayload, ServerMessage, SetTeamPayload, SettingsPayload,
  type ChatLine, type JoinCardInfo, type Notice, type RoomListingMetadata,
} from "../../shared/protocol.ts";
import { MatchState, Player, type PlayingTeam, type Team } from "../../shared/state.ts";
import { serverConfig } from "../config.ts";
import { requestScope } from "../limits/clientAddress.ts";
import { quotas, type Refusal } from "../limits/quotas.ts";
import { serverLog } from "../log.ts";
import { PatchTimer, StepTimer } from "../metrics.ts";
import { admitReservation, SEAT_RESERVATION_SECONDS, type ReservationJudge } from "./admission.ts";
import { joinCardOf } from "./joinCard.ts";
import { Moderation } from "./moderation.ts";
import { checkRename } from "./rename.ts";
import { countTeam, freeTeam, humanCount, longestPresentHuman } from "./roster.ts";
import { Announcer } from "./announcements.ts";
import { uniqueName } from "./uniqueName.ts";
import { WorldMirror } from "./worldMirror.ts";

/** At most this many buffered inputs are applied per player per tick, and only on credit: each tick
 * adds one, each applied input spends one, banked up to MAX_INPUT_CREDIT. Inputs that arrive late
 * (jitter) are caught up at two per tick for a few ticks; a client that sends faster than the tick
 * rate still gets one per tick on average, so it runs no faster than anyone else (without the credit,
 * 100 inputs/s moved a player at ~1.5× top speed: test/integration/hostile.test.ts). */
const MAX_INPUTS_PER_TICK = 2;
const MAX_INPUT_CREDIT = 4;
/** The credit grows this much faster than the tick rate (≈ 61 inputs/s): room for a client whose clock
 * runs a little fast, so its backlog (and its input delay) never builds up; worth 1.6 % speed to a cheat. */
const INPUT_RATE_TOLERANCE = 1 / 64;

interface AuthResult {
  name: string;
  spectate: boolean;
  deviceId?: string;
  observe: boolean;
}

export class MatchRoom extends Room<{ state: MatchState; input: PlayerInput }> implements ReservationJudge {
  state = new MatchState();
  seatReservationTimeout = SEAT_RESERVATION_SECONDS;
  // No maxMessagesPerSecond: its fixed one-second window threw out honest players after a stall;
  // every socket's rate is limited in the transport instead (server/messageRate.ts).
  patchRate = PATCH_MS;
  maxClients = MATCH_LIMITS.playersPerTeam.max * 2 + MATCH_LIMITS.maxSpectators + MATCH_LIMITS.maxObservers;

  // No `sanitize` hook: it runs on the decoder's live instance, and the input channel is delta-encoded
  // (only changed fields are resent), so a normalised diagonal would stick to later inputs (hold ←↑,
  // release ↑: the server kept moving ← at 89/127). Each buffered copy is sanitised in step() instead.
  inputs = this.defineInput(PlayerInput, {
    // Holds the 30 inputs a 2 fps frame sends at once (game/net/stepPacer.ts MAX_STEPS_PER_FRAME).
    bufferMaxSize: 32,
  });

  private password = "";
  private joinCounter = 0;
  private botCounter = 0;
  private lastTouch = "";
  /** The plain bodies the shared step runs on; published into the schema once per tick. */
  private readonly world = new WorldMirror();
  /** Reused every tick so the step does not allocate. */
  private readonly pitch: PlayerBody[] = [];
  private readonly pitchIds: string[] = [];
  private readonly chatTimes = new Map<string, number[]>();
  /** Per player: inputs it may still apply beyond one per tick (see MAX_INPUT_CREDIT). */
  private readonly inputCredit = new Map<string, number>();
  private readonly teamChangeTimes = new Map<string, number[]>();
  private readonly renameTimes = new Map<string, number[]>();
  private readonly moderation = new Moderation();
  /** Clients whose socket failed with a protocol error (e.g. a frame over maxPayload → 1009). */
  private readonly brokenSockets = new Set<string>();
  /** Clients whose own reconnection (a reloaded page) closed their stale socket: see checkReconnectionToken. */
  private readonly reclaimedSockets = new Set<string>();
  /** Join and leave lines, coalesced so churn cannot flood the chat. */
  private readonly announcer = new Announcer({
    send: (text) => this.systemChat(text),
    later: (callback, ms) => { this.clock.setTimeout(callback, ms); },
    now: () => this.clock.currentTime,
  });
  /** Each bot's number, which varies how it plays (see botIntent). */
  private readonly botNumbers = new Map<string, number>();

  messages = {
    [ClientMessage.chat]: validate(ChatPayload, (client, message) => this.onChat(client, message.text)),
    [ClientMessage.setTeam]: validate(SetTeamPayload, (client, message) => this.onSetTeam(client, message.team)),
    [ClientMessage.startMatch]: validate(EmptyPayload, (client) => this.hostOnly(client, () => this.beginMatch())),
    [ClientMessage.stopMatch]: validate(EmptyPayload, (client) => this.hostOnly(client, () => this.endMatchEarly())),
    [ClientMessage.updateSettings]: validate(SettingsPayload, (client, message) => this.hostOnly(client, () => this.changeSettings(client, message))),
    [ClientMessage.movePlayer]: validate(MovePlayerPayload, (client, message) => this.hostOnly(client, () => this.movePlayer(client, message.sessionId, message.team))),
    [ClientMessage.kickPlayer]: validate(KickPlayerPayload, (client, message) => this.hostOnly(client, () => this.kickPlayer(client, message.sessionId, message.reason))),
    [ClientMessage.lockRoom]: validate(LockRoomPayload, (client, message) => this.hostOnly(client, () => this.setLocked(message.locked))),
    [ClientMessage.addBot]: validate(AddBotPayload, (client, message) => this.hostOnly(client, () => this.addBot(client, message.team))),
    [ClientMessage.removeBot]: validate(RemoveBotPayload, (client, message) => this.hostOnly(client, () => this.removeBot(message.sessionId))),
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
    const options = parsed.data;
    this.password = options.password ?? "";
    this.state.settings.isPrivate = options.isPrivate === true;
    this.state.settings.hasPassword = this.password.length > 0;
    this.applySettings(options);
    placeBallForKickoff(this.world.ball);
    this.world.publish(this.state.players, this.state.ball);
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
    const parsed = JoinOptions.safeParse(rawOptions ?? {});
    if (!parsed.success) return { status: 400, message: `invalid join options: ${describeIssue(parsed.error)}` };
    const options = parsed.data;
    if (this.state.settings.locked) return { status: 423, message: "this room is locked by its host" };
    if (this.password && options.password !== this.password) return { status: 403, message: "wrong password" };
    if (this.moderation.isBanned(options.deviceId)) return { status: 403, message: "the host removed you from this room" };
    if (options.observe === true) return this.moderation.hasObserverSeat() ? null : { status: 409, message: "observer seats are full" };
    if (this.wantsSpectatorSeat(options.spectate === true) && countTeam(this.state.players, "spectator") >= MATCH_LIMITS.maxSpectators) {
      return { status: 409, message: "spectator seats are full" };
    }
    return null;
  }

  private wantsSpectatorSeat(asked: boolean): boolean {
    return asked || freeTeam(this.state.players, this.state.settings.playersPerTeam) === null;
  }

  /** The connect-time check: the same refusal as at reservation, judged again now that the seat is taken up. */
  private admit(rawOptions: unknown): AuthResult {
    const refusal = this.reservationRefusal(rawOptions);
    if (refusal) throw new ServerError(refusal.status, refusal.message);
    const options = JoinOptions.parse(rawOptions ?? {});
    if (options.observe === true) return { name: "", spectate: true, observe: true };
    return { name: options.name ?? "Player", spectate: this.wantsSpectatorSeat(options.spectate === true), deviceId: options.deviceId, observe: false };
  }

  onJoin(client: Client, rawOptions: unknown): void {
    quotas.claimPending(client.sessionId);
    const auth = this.admit(rawOptions);
    // ws closes an oversized frame with 1009 but the room only sees 1006, like a network drop:
    // remember the socket error so that client's seat is not held for a reconnection.
    // Only ws's own protocol errors (WS_ERR_*): a reload or a closed laptop lid can reset the connection
    // (ECONNRESET) under load, and that player's seat must be held like any other drop.
    client.ref.once("error", (error: Error & { code?: unknown }) => {
      if (typeof error.code === "string" && error.code.startsWith("WS_ERR_")) this.brokenSockets.add(client.sessionId);
    });
    // A hidden observer gets the state and nothing else: no player, no announcement, no listing change.
    if (auth.observe) return this.moderation.addObserver(client.sessionId);
    this.moderation.seat(client.sessionId, auth.deviceId);
    const player = new Player();
    player.name = uniqueName(this.state.players, auth.name);
    player.chatMuted = this.moderation.isMutedDevice(auth.deviceId);
    player.joinedSeq = ++this.joinCounter;
    const team: Team = auth.spectate ? "spectator" : (freeTeam(this.state.players, this.state.settings.playersPerTeam) ?? "spectator");
    player.team = team;
    this.state.players.set(client.sessionId, player);
    this.giveOwnView(client, player);
    if (team !== "spectator") this.placeNewcomer(client.sessionId, team);
    if (!this.state.hostId) this.state.hostId = client.sessionId;
    this.announcer.joined(player.name, team === "spectator" ? "the spectators" : `team ${team}`);
    void this.publishListing();
  }

  /**
   * A reload can ask to reconnect before this room has seen the old page's socket close (a busy server reads the
   * close late). The framework then closes the stale socket itself with WITH_ERROR (4002), the code it also uses
   * for errors; note whose it is, so that drop still holds the seat for the new page.
   */
  override checkReconnectionToken(reconnectionToken: string): string {
    const stale = this.clients.find((client) => client.reconnectionToken === reconnectionToken);
    if (stale) this.reclaimedSockets.add(stale.sessionId);
    return super.checkReconnectionToken(reconnectionToken);
  }

  onDrop(client: Client, code?: number): void {
    const reclaimed = this.reclaimedSockets.delete(client.sessionId);
    // Clients we threw out (bad input, kicked) do not get their seat held.
    if ((code === CloseCode.WITH_ERROR && !reclaimed) || (code !== undefined && code >= 4100)) return;
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
    this.notice(undefined, "error", "Server restarting…");
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
    this.giveOwnView(client, player);
    player.connected = true;
    this.systemChat(`${player.name} is back`);
  }

  onLeave(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    this.state.players.delete(client.sessionId);
    this.chatTimes.delete(client.sessionId);
    this.inputCredit.delete(client.sessionId);
    this.teamChangeTimes.delete(client.sessionId);
    this.brokenSockets.delete(client.sessionId);
    this.reclaimedSockets.delete(client.sessionId);
    this.renameTimes.delete(client.sessionId);
    this.moderation.forget(client.sessionId);
    if (player) this.announcer.left(player.name);
    if (this.state.hostId === client.sessionId) this.migrateHost();
    // Bots alone do not keep a room alive.
    if (humanCount(this.state.players) === 0) this.removeAllBots();
    void this.publishListing();
  }

  /** Every state patch (encode + send), timed for GET /metrics beside the step it follows. */
  broadcastPatch(): boolean {
    const timer = PatchTimer.start();
    const changed = super.broadcastPatch();
    timer.stop();
    return changed;
  }

  /** One fixed step: apply each player's inputs, then the shared physics, then the match flow. */
  private step(ctx: StepContext): void {
    const timer = StepTimer.start();
    const state = this.state;
    state.tick = ctx.tick;
    const frozen = state.phase === "countdown" || state.phase === "ended";
    this.pitch.length = 0;
    this.pitchIds.length = 0;
    state.players.forEach((player, sessionId) => {
      if (player.isBot) {
        // Bots take the same path as people: an intent, sanitised, applied by the shared step.
        if (!frozen && (player.team === "red" || player.team === "blue")) {
          const body = this.world.body(sessionId);
          applyPlayerInput(body, sanitizeInput(botIntent(body, this.world.ball, player.team, this.botNumbers.get(sessionId) ?? 0)), ctx.dt);
        }
      } else {
        const channel = this.inputs.get(sessionId);
        if (player.team === "spectator") {
          // Spectators never change the world: whatever they send is consumed and dropped.
          channel.drain();
          return;
        }
        const credit = Math.min(MAX_INPUT_CREDIT, (this.inputCredit.get(sessionId) ?? 0) + 1 + INPUT_RATE_TOLERANCE);
        let taken = 0;
        for (const input of channel.take(Math.min(MAX_INPUTS_PER_TICK, Math.floor(credit)))) {
          taken += 1;
          if (!frozen) applyPlayerInput(this.world.body(sessionId), sanitizeInput(input), ctx.dt);
        }
        this.inputCredit.set(sessionId, credit - taken);
      }
      if (player.team !== "red" && player.team !== "blue") return;
      this.pitch.push(this.world.body(sessionId));
      this.pitchIds.push(sessionId);
    });
    if (!frozen) {
      const events = stepPhysics({ players: this.pitch, ball: this.world.ball }, ctx.dt);
      if (events.kickers.length > 0) this.lastTouch = this.pitchIds[events.kickers[0]];
      if (events.goal) this.onGoal(events.goal);
    }
    const action = stepMatchFlow(state, state.settings);
    if (action === "kickoff") this.kickoff();
    if (action === "ended") this.onMatchEnded();
    this.world.publish(state.players, state.ball);
    timer.stop();
  }

  private onGoal(team: PlayingTeam): void {
    if (!isBallLive(this.state.phase)) return;
    if (this.state.phase === "waiting") {
      // Warm-up goals count for nothing: the ball goes back to the centre.
      placeBallForKickoff(this.world.ball);
      return;
    }
    const scorer = this.state.players.get(this.lastTouch);
    const ownGoal = scorer !== undefined && scorer.team !== team;
    if (scorer && !ownGoal) scorer.goals += 1;
    this.state.lastScorerName = scorer ? `${scorer.name}${ownGoal ? " (own goal)" : ""}` : "";
    const action = recordGoal(this.state, this.state.settings, team);
    this.systemChat(`GOAL for ${team}${scorer ? ` by ${this.state.lastScorerName}` : ""} — ${this.state.scoreRed}:${this.state.scoreBlue}`);
    if (action === "ended") this.onMatchEnded();
    void this.publishListing();
  }

  private onMatchEnded(): void {
    const winner = this.state.winner;
    this.systemChat(winner === "draw" ? "Full time: a draw" : `Full time: ${winner} wins ${this.state.scoreRed}:${this.state.scoreBlue}`);
    void this.publishListing();
  }

  private beginMatch(): void {
    if (countTeam(this.state.players, "red") + countTeam(this.state.players, "blue") === 0) {
      this.notice(undefined, "error", "Nobody is on a team yet");
      return;
    }
    for (const player of this.state.players.values()) player.goals = 0;
    // Read before startMatch clears the winner: a match that ended with one is being replayed.
    const rematch = this.state.winner !== "";
    startMatch(this.state);
    this.kickoff();
    this.systemChat(rematch ? "Rematch!" : "Match starting");
    void this.publishListing();
  }

  private endMatchEarly(): void {
    stopMatch(this.state);
    this.systemChat("The host stopped the match");
    void this.publishListing();
  }

  /** Everyone to their kickoff spot, ball to the centre. */
  private kickoff(): void {
    const indexes = { red: 0, blue: 0 };
    this.state.players.forEach((player, sessionId) => {
      if (player.team !== "red" && player.team !== "blue") return;
      const spot = kickoffSpot(player.team, indexes[player.team]++);
      placeBody(this.world.body(sessionId), spot.x, spot.y);
    });
    placeBallForKickoff(this.world.ball);
    this.world.publish(this.state.players, this.state.ball);
    this.lastTouch = "";
  }

  private placeNewcomer(sessionId: string, team: PlayingTeam): void {
    const spot = kickoffSpot(team, countTeam(this.state.players, team) - 1);
    const body = this.world.body(sessionId);
    placeBody(body, spot.x, spot.y);
    body.kicking = false;
    this.world.publish(this.state.players, this.state.ball);
  }

  /** Lets a client see its own player's velocity (a view-only field) for its reconciler. */
  private giveOwnView(client: Client, player: Player): void {
    client.view = new StateView();
    client.view.add(player);
  }

  private onChat(client: Client, text: string): void {
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    if (player.chatMuted) {
      this.notice(client, "error", "The host has muted your chat");
      return;
    }
    if (!this.takeAllowance(this.chatTimes, client, "You are sending messages too fast")) return;
    const line: ChatLine = { from: player.name, fromId: client.sessionId, team: player.team, text, system: false };
    this.broadcast(ServerMessage.chat, line);
  }

  /** Takes one of the client's LIMITS.chatPerWindow slots per window in `log`, or tells it to slow down. */
  private takeAllowance(log: Map<string, number[]>, client: Client, tooFast: string): boolean {
    const now = this.clock.currentTime;
    const times = (log.get(client.sessionId) ?? []).filter((t) => now - t < LIMITS.chatWindowMs);
    log.set(client.sessionId, times);
    if (times.length >= LIMITS.chatPerWindow) {
      this.notice(client, "error", tooFast);
      return false;
    }
    times.push(now);
    return true;
  }

  private onSetTeam(client: Client, team: Team): void {
    // Every team change is announced to the whole room: capped like chat, or toggling teams
    // at the message rate would flood everyone's chat past the chat limit.
    const player = this.state.players.get(client.sessionId);
    if (player && player.team !== team && !this.takeAllowance(this.teamChangeTimes, client, "You are changing teams too fast")) return;
    const error = this.changeTeam(client.sessionId, team);
    if (error) this.notice(client, "error", error);
  }

  /** Moves a player (or bot) to a team; returns an error text when not allowed. */
  private changeTeam(sessionId: string, team: Team): string | null {
    const player = this.state.players.get(sessionId);
    if (!player) return "No such player";
    if (player.team === team) return null;
    if (team !== "spectator" && countTeam(this.state.players, team) >= this.state.settings.playersPerTeam) return `Team ${team} is full`;
    if (team === "spectator" && player.isBot) return "Bots cannot spectate";
    if (team === "spectator" && countTeam(this.state.players, "spectator") >= MATCH_LIMITS.maxSpectators) return "Spectator seats are full";
    player.team = team;
    const body = this.world.body(sessionId);
    body.vx = 0;
    body.vy = 0;
    body.kicking = false;
    if (team !== "spectator") this.placeNewcomer(sessionId, team);
    else this.world.publish(this.state.players, this.state.ball);
    this.systemChat(`${player.name} moved to ${team === "spectator" ? "the spectators" : `team ${team}`}`);
    void this.publishListing();
    return null;
  }

  private movePlayer(host: Client, sessionId: string, team: Team): void {
    const error = this.changeTeam(sessionId, team);
    if (error) this.notice(host, "error", error);
  }

  private kickPlayer(host: Client, sessionId: string, reason: string | undefined): void {
    if (sessionId === host.sessionId) {
      this.notice(host, "error", "You cannot kick yourself");
      return;
    }
    const player = this.state.players.get(sessionId);
    if (!player) {
      this.notice(host, "error", "No such player");
      return;
    }
    if (player.isBot) {
      this.removeBot(sessionId);
      return;
    }
    const why = reason?.trim() || "no reason given";
    // Kicked means out of this room for good (for this device): the share link refuses them from now on.
    this.moderation.ban(sessionId);
    this.systemChat(`${player.name} was kicked by the host (${why})`);
    const target = this.clients.getById(sessionId);
    if (target) target.leave(CLOSE.kicked, `Kicked by the host: ${why}`);
    else this.state.players.delete(sessionId); // a dropped player waiting to reconnect
  }

  /** Renames are announced to everyone, so they are capped like team changes. */
  private onRename(client: Client, requested: string): void {
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    const check = checkRename(this.state.players, client.sessionId, requested);
    if (!check.ok) return this.notice(client, "error", check.error);
    if (check.name === player.name) return;
    if (!this.takeAllowance(this.renameTimes, client, "You are renaming too fast")) return;
    this.systemChat(`${player.name} is now ${check.name}`);
    player.name = check.name;
    void this.publishListing();
  }

  private mutePlayer(host: Client, sessionId: string, muted: boolean): void {
    const player = this.state.players.get(sessionId);
    if (!player || player.isBot || sessionId === host.sessionId) return this.notice(host, "error", "You cannot mute that player");
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

  private addBot(host: Client, team: PlayingTeam): void {
    if (countTeam(this.state.players, team) >= this.state.settings.playersPerTeam) {
      this.notice(host, "error", `Team ${team} is full`);
      return;
    }
    const bot = new Player();
    bot.isBot = true;
    bot.name = uniqueName(this.state.players, `Bot ${++this.botCounter}`);
    bot.team = team;
    bot.joinedSeq = ++this.joinCounter;
    this.state.players.set(`bot-${this.botCounter}`, bot);
    this.botNumbers.set(`bot-${this.botCounter}`, this.botCounter);
    this.placeNewcomer(`bot-${this.botCounter}`, team);
    this.systemChat(`${bot.name} joined team ${team}`);
    void this.publishListing();
  }

  private removeBot(sessionId: string | undefined): void {
    let target = sessionId;
    if (!target) {
      let newest = -1;
      this.state.players.forEach((player, id) => {
        if (player.isBot && player.joinedSeq > newest) { newest = player.joinedSeq; target = id; }
      });
    }
    const bot = target ? this.state.players.get(target) : undefined;
    if (!target || !bot?.isBot) return;
    this.state.players.delete(target);
    this.botNumbers.delete(target);
    this.systemChat(`${bot.name} left`);
    void this.publishListing();
  }

  private removeAllBots(): void {
    for (const [id, player] of [...this.state.players.entries()]) if (player.isBot) this.state.players.delete(id);
  }

  private hostOnly(client: Client, action: () => void): void {
    if (client.sessionId !== this.state.hostId) {
      this.notice(client, "error", "Only the host can do that");
      return;
    }
    action();
  }

  private changeSettings(host: Client, settings: SettingsPayload): void {
    const running = this.state.phase !== "waiting" && this.state.phase !== "ended";
    if (running) {
      this.notice(host, "error", "Settings can change between matches only");
      return;
    }
    this.applySettings(settings);
    this.systemChat("The host changed the match settings");
  }

  private applySettings(settings: SettingsPayload): void {
    const target = this.state.settings;
    if (settings.roomName !== undefined) target.roomName = settings.roomName;
    if (settings.playersPerTeam !== undefined) target.playersPerTeam = settings.playersPerTeam;
    if (settings.scoreLimit !== undefined) target.scoreLimit = settings.scoreLimit;
    if (settings.timeLimitSeconds !== undefined) target.timeLimitSeconds = settings.timeLimitSeconds;
    void this.publishListing();
  }

  /** The longest-present connected player becomes host. */
  private migrateHost(): void {
    const next = longestPresentHuman(this.state.players);
    this.state.hostId = next;
    const host = this.state.players.get(next);
    if (host) this.systemChat(`${host.name} is now the host`);
  }

  private systemChat(text: string): void {
    const line: ChatLine = { from: "", fromId: "", team: "", text, system: true };
    this.broadcast(ServerMessage.chat, line);
  }

  private notice(client: Client | undefined, level: Notice["level"], text: string): void {
    const notice: Notice = { level, text };
    if (client) client.send(ServerMessage.notice, notice);
    else this.broadcast(ServerMessage.notice, notice);
  }

  onDispose(): void {
    quotas.releaseRoom(this.roomId, Date.now());
  }

  /** The compact live view GET /api/rooms/<id>/live serves: public rooms to anyone, a password room
   * with its password, a private room without one to nobody. Public and plain JSON because the
   * endpoint reaches it through remoteRoomCall, which may cross to another process. */
  liveSnapshot(password?: unknown): LiveSnapshot | Refusal {
    const settings = this.state.settings;
    const unlocked = this.password.length > 0 && password === this.password;
    if (settings.hasPassword && !unlocked) return { status: 403, message: "this match has a password: send it as X-Room-Password" };
    if (settings.isPrivate && !unlocked) return { status: 403, message: "this match is private" };
    return liveSnapshotOf(this.roomId, this.state, this.clock.elapsedTime);
  }

  /** What a share link's join card shows (GET /api/rooms/<id>/card, through remoteRoomCall like liveSnapshot). */
  joinCard(): JoinCardInfo {
    return joinCardOf(this.roomId, this.state);
  }

  private publishListing(): Promise<void> {
    const settings = this.state.settings;
    const players = this.state.players;
    const metadata: RoomListingMetadata = {
      roomName: settings.roomName,
      phase: this.state.phase,
      scoreRed: this.state.scoreRed,
      scoreBlue: this.state.scoreBlue,
      players: countTeam(players, "red") + countTeam(players, "blue"),
      maxPlayers: settings.playersPerTeam * 2,
      spectators: countTeam(players, "spectator"),
      hasPassword: settings.hasPassword,
      locked: settings.locked,
    };
    return this.setMetadata(metadata);
  }
}
