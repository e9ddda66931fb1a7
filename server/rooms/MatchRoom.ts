// The match room: lifecycle, roles and validation around the shared step, which it runs in a 60 Hz fixed timestep.
import { CloseCode, Room, ServerError, validate, type Client, type StepContext } from "colyseus";
import { CLOSE, LIMITS, MATCH_LIMITS, PATCH_MS, TICK_HZ } from "../../shared/constants.ts";
import { PlayerInput, sanitizeInput } from "../../shared/input.ts";
import { kickoffSpot, placeBallForKickoff, placeBody } from "../../shared/kickoff.ts";
import { recordGoal, startMatch, stepMatchFlow, stopMatch, isBallLive } from "../../shared/matchFlow.ts";
import { applyPlayerInput, stepPhysics, type PlayerBody } from "../../shared/physics.ts";
import {
  ChatPayload, ClientMessage, CreateOptions, EmptyPayload, JoinOptions, ServerMessage, SetTeamPayload, SettingsPayload,
  type ChatLine, type Notice, type RoomListingMetadata,
} from "../../shared/protocol.ts";
import { MatchState, Player, type PlayingTeam, type Team } from "../../shared/state.ts";
import { StepTimer } from "../metrics.ts";

/** At most this many buffered inputs are applied per player per tick: catches up after jitter
 * without letting a client that floods inputs run faster than everyone else. */
const MAX_INPUTS_PER_TICK = 2;

interface AuthResult {
  name: string;
  spectate: boolean;
}

export class MatchRoom extends Room<{ state: MatchState; input: PlayerInput }> {
  state = new MatchState();
  maxMessagesPerSecond = LIMITS.maxMessagesPerSecond;
  patchRate = PATCH_MS;
  maxClients = MATCH_LIMITS.playersPerTeam.max * 2 + MATCH_LIMITS.maxSpectators;

  inputs = this.defineInput(PlayerInput, {
    bufferMaxSize: 16,
    sanitize: (input) => { sanitizeInput(input); },
  });

  private password = "";
  private joinCounter = 0;
  /** Reused every tick so the step does not allocate. */
  private readonly pitch: PlayerBody[] = [];
  private readonly pitchIds: string[] = [];
  private readonly chatTimes = new Map<string, number[]>();

  messages = {
    [ClientMessage.chat]: validate(ChatPayload, (client, message) => this.onChat(client, message.text)),
    [ClientMessage.setTeam]: validate(SetTeamPayload, (client, message) => this.onSetTeam(client, message.team)),
    [ClientMessage.startMatch]: validate(EmptyPayload, (client) => this.hostOnly(client, () => this.beginMatch())),
    [ClientMessage.stopMatch]: validate(EmptyPayload, (client) => this.hostOnly(client, () => stopMatch(this.state))),
    [ClientMessage.updateSettings]: validate(SettingsPayload, (client, message) => this.hostOnly(client, () => this.applySettings(message))),
    // Anything the protocol does not name is a broken or hostile client: disconnect only that one.
    "*": (client: Client, type: string | number) => {
      client.leave(CLOSE.badInput, `unknown message type ${String(type).slice(0, 40)}`);
    },
  };

  onCreate(rawOptions: unknown): void {
    const parsed = CreateOptions.safeParse(rawOptions ?? {});
    if (!parsed.success) throw new ServerError(400, `invalid room options: ${parsed.error.issues[0]?.message ?? "unknown"}`);
    const options = parsed.data;
    this.password = options.password ?? "";
    this.state.settings.isPrivate = options.isPrivate === true;
    this.state.settings.hasPassword = this.password.length > 0;
    this.applySettings(options);
    placeBallForKickoff(this.state.ball);
    if (this.state.settings.isPrivate) void this.setPrivate(true);
    this.setFixedTimestep((ctx) => this.step(ctx), TICK_HZ);
    void this.publishListing();
  }

  onAuth(_client: Client, rawOptions: unknown): AuthResult {
    const parsed = JoinOptions.safeParse(rawOptions ?? {});
    if (!parsed.success) throw new ServerError(400, "invalid join options");
    const options = parsed.data;
    if (this.password && options.password !== this.password) throw new ServerError(403, "wrong password");
    const spectate = options.spectate === true || this.freeTeam() === null;
    if (spectate && this.countTeam("spectator") >= MATCH_LIMITS.maxSpectators) throw new ServerError(409, "spectator seats are full");
    return { name: options.name ?? "Player", spectate };
  }

  onJoin(client: Client, _options: unknown, auth: AuthResult): void {
    const player = new Player();
    player.name = auth.name;
    player.joinedSeq = ++this.joinCounter;
    const team: Team = auth.spectate ? "spectator" : (this.freeTeam() ?? "spectator");
    player.team = team;
    this.state.players.set(client.sessionId, player);
    if (team !== "spectator") this.placeNewcomer(player, team);
    if (!this.state.hostId) this.state.hostId = client.sessionId;
    this.systemChat(`${player.name} joined ${team === "spectator" ? "the spectators" : `team ${team}`}`);
    void this.publishListing();
  }

  onDrop(client: Client, code?: number): void {
    // Clients we threw out for bad input do not get their seat held.
    if (code === CloseCode.WITH_ERROR || (code !== undefined && code >= 4100)) return;
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    player.connected = false;
    this.allowReconnection(client, LIMITS.reconnectGraceSeconds).catch(() => {
      // Rejected when the grace period ends or the room disposes; onLeave frees the slot.
    });
  }

  onReconnect(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    if (player) player.connected = true;
  }

  onLeave(client: Client): void {
    const player = this.state.players.get(client.sessionId);
    this.state.players.delete(client.sessionId);
    this.chatTimes.delete(client.sessionId);
    if (player) this.systemChat(`${player.name} left`);
    if (this.state.hostId === client.sessionId) this.migrateHost();
    void this.publishListing();
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
      const channel = this.inputs.get(sessionId);
      if (player.team === "spectator") {
        // Spectators never change the world: whatever they send is consumed and dropped.
        channel.drain();
        return;
      }
      for (const input of channel.take(MAX_INPUTS_PER_TICK)) {
        if (!frozen) applyPlayerInput(player, input, ctx.dt);
      }
      this.pitch.push(player);
      this.pitchIds.push(sessionId);
    });
    if (!frozen) {
      const events = stepPhysics({ players: this.pitch, ball: state.ball }, ctx.dt);
      if (events.goal) this.onGoal(events.goal, events.kickers);
      else if (events.kickers.length > 0) this.lastTouch = this.pitchIds[events.kickers[0]];
    }
    const action = stepMatchFlow(state, state.settings);
    if (action === "kickoff") this.kickoff();
    if (action === "ended") this.onMatchEnded();
    timer.stop();
  }

  private lastTouch = "";

  private onGoal(team: PlayingTeam, kickers: number[]): void {
    if (kickers.length > 0) this.lastTouch = this.pitchIds[kickers[0]];
    if (!isBallLive(this.state.phase)) return;
    if (this.state.phase === "waiting") {
      // Warm-up goals count for nothing: the ball goes back to the centre.
      placeBallForKickoff(this.state.ball);
      return;
    }
    const scorer = this.state.players.get(this.lastTouch);
    const ownGoal = scorer !== undefined && scorer.team !== team;
    if (scorer && !ownGoal) scorer.goals += 1;
    this.state.lastScorerName = scorer ? scorer.name : "";
    const action = recordGoal(this.state, this.state.settings, team);
    this.systemChat(`GOAL for ${team}! ${scorer ? `${scorer.name}${ownGoal ? " (own goal)" : ""}` : ""} — ${this.state.scoreRed}:${this.state.scoreBlue}`);
    if (action === "ended") this.onMatchEnded();
    void this.publishListing();
  }

  private onMatchEnded(): void {
    const winner = this.state.winner;
    this.systemChat(winner === "draw" ? "Full time: a draw" : `Full time: ${winner} wins ${this.state.scoreRed}:${this.state.scoreBlue}`);
    void this.publishListing();
  }

  private beginMatch(): void {
    if (this.countTeam("red") + this.countTeam("blue") === 0) {
      this.notice(undefined, "error", "Nobody is on a team yet");
      return;
    }
    startMatch(this.state);
    this.kickoff();
    this.systemChat("Match starting");
    void this.publishListing();
  }

  /** Everyone to their kickoff spot, ball to the centre. */
  private kickoff(): void {
    const indexes = { red: 0, blue: 0 };
    this.state.players.forEach((player) => {
      if (player.team !== "red" && player.team !== "blue") return;
      const spot = kickoffSpot(player.team, indexes[player.team]++);
      placeBody(player, spot.x, spot.y);
    });
    placeBallForKickoff(this.state.ball);
    this.lastTouch = "";
  }

  private placeNewcomer(player: Player, team: PlayingTeam): void {
    const spot = kickoffSpot(team, this.countTeam(team) - 1);
    placeBody(player, spot.x, spot.y);
  }

  private onChat(client: Client, text: string): void {
    const player = this.state.players.get(client.sessionId);
    if (!player) return;
    const now = this.clock.currentTime;
    const times = (this.chatTimes.get(client.sessionId) ?? []).filter((t) => now - t < LIMITS.chatWindowMs);
    if (times.length >= LIMITS.chatPerWindow) {
      this.notice(client, "error", "You are sending messages too fast");
      this.chatTimes.set(client.sessionId, times);
      return;
    }
    times.push(now);
    this.chatTimes.set(client.sessionId, times);
    const line: ChatLine = { from: player.name, team: player.team, text, system: false };
    this.broadcast(ServerMessage.chat, line);
  }

  private onSetTeam(client: Client, team: Team): void {
    const player = this.state.players.get(client.sessionId);
    if (!player || player.team === team) return;
    if (team !== "spectator" && this.countTeam(team) >= this.state.settings.playersPerTeam) {
      this.notice(client, "error", `Team ${team} is full`);
      return;
    }
    if (team === "spectator" && this.countTeam("spectator") >= MATCH_LIMITS.maxSpectators) {
      this.notice(client, "error", "Spectator seats are full");
      return;
    }
    player.team = team;
    player.vx = 0;
    player.vy = 0;
    if (team !== "spectator") this.placeNewcomer(player, team);
    this.systemChat(`${player.name} moved to ${team === "spectator" ? "the spectators" : `team ${team}`}`);
    void this.publishListing();
  }

  private hostOnly(client: Client, action: () => void): void {
    if (client.sessionId !== this.state.hostId) {
      this.notice(client, "error", "Only the host can do that");
      return;
    }
    action();
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
    let next = "";
    let oldest = Number.POSITIVE_INFINITY;
    this.state.players.forEach((player, sessionId) => {
      if (player.isBot || !player.connected) return;
      if (player.joinedSeq < oldest) { oldest = player.joinedSeq; next = sessionId; }
    });
    this.state.hostId = next;
    const host = this.state.players.get(next);
    if (host) this.systemChat(`${host.name} is now the host`);
  }

  private freeTeam(): PlayingTeam | null {
    const red = this.countTeam("red");
    const blue = this.countTeam("blue");
    const cap = this.state.settings.playersPerTeam;
    if (red >= cap && blue >= cap) return null;
    if (red >= cap) return "blue";
    if (blue >= cap) return "red";
    return blue < red ? "blue" : "red";
  }

  private countTeam(team: Team): number {
    let count = 0;
    this.state.players.forEach((player) => { if (player.team === team) count++; });
    return count;
  }

  private systemChat(text: string): void {
    const line: ChatLine = { from: "", team: "", text, system: true };
    this.broadcast(ServerMessage.chat, line);
  }

  private notice(client: Client | undefined, level: Notice["level"], text: string): void {
    const notice: Notice = { level, text };
    if (client) client.send(ServerMessage.notice, notice);
    else this.broadcast(ServerMessage.notice, notice);
  }

  private publishListing(): Promise<void> {
    const settings = this.state.settings;
    const metadata: RoomListingMetadata = {
      roomName: settings.roomName,
      phase: this.state.phase,
      scoreRed: this.state.scoreRed,
      scoreBlue: this.state.scoreBlue,
      players: this.countTeam("red") + this.countTeam("blue"),
      maxPlayers: settings.playersPerTeam * 2,
      spectators: this.countTeam("spectator"),
      hasPassword: settings.hasPassword,
    };
    return this.setMetadata(metadata);
  }
}
