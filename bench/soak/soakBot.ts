// A light soak-test player on the real @colyseus/sdk: chases the ball at 60 Hz with the practice-bot brain, restarts finished matches when it is the host, chats now and then.
import { Client, type InputHandle, type Room } from "@colyseus/sdk";
import { BallWatcher, botIntent } from "../../shared/bot.ts";
import { TICK_HZ } from "../../shared/constants.ts";
import { PlayerInput } from "../../shared/input.ts";
import { ClientMessage, MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { isMatchRunning } from "../../shared/match/phase.ts";
import { isPlayingTeam } from "../../shared/match/teams.ts";

/** Frames between two chat lines from one bot (about 30 s), staggered by bot number. */
const CHAT_EVERY_FRAMES = 30 * TICK_HZ;
/** A host restarts a finished or never-started match after this many frames of waiting. */
const RESTART_AFTER_FRAMES = 3 * TICK_HZ;

export class SoakBot {
  /** The ball as this client sees it (positions only: its velocity is never synced). */
  private readonly ballWatcher = new BallWatcher();
  readonly name: string;
  private readonly room: Room<unknown, MatchState>;
  private readonly input: InputHandle<PlayerInput>;
  private readonly variant: number;
  private idleFrames = 0;
  patches = 0;
  drops = 0;
  reconnects = 0;
  /** Close code once the room is gone for this bot, else null. */
  leftWith: number | null = null;

  private constructor(room: Room<unknown, MatchState>, name: string, variant: number) {
    this.room = room;
    this.name = name;
    this.variant = variant;
    this.input = room.input({ type: PlayerInput, mode: "reliable" });
    room.onMessage("*", () => undefined);
    room.onStateChange(() => { this.patches += 1; });
    room.onDrop(() => { this.drops += 1; });
    room.onReconnect(() => { this.reconnects += 1; });
    room.onLeave((code) => { this.leftWith = code; });
  }

  static async create(endpoint: string, name: string, variant: number): Promise<SoakBot> {
    return new SoakBot(await new Client(endpoint).create(MATCH_ROOM, { name }, MatchState), name, variant);
  }

  static async join(endpoint: string, roomId: string, name: string, variant: number): Promise<SoakBot> {
    return new SoakBot(await new Client(endpoint).joinById(roomId, { name }, MatchState), name, variant);
  }

  get roomId(): string {
    return this.room.roomId;
  }

  get connected(): boolean {
    return this.leftWith === null && this.room.connection.isOpen;
  }

  /** One frame: an input from the bot brain (every frame, as a browser sends), host duties, a chat line now and then. */
  step(frame: number): void {
    if (!this.connected) return;
    const state = this.room.state;
    const me = state.players.get(this.room.sessionId);
    if (!me) return;
    if (isPlayingTeam(me.team)) {
      const intent = botIntent(me, this.ballWatcher.see(state.ball, state.tick), me.team, this.variant);
      this.input.data.moveX = intent.moveX;
      this.input.data.moveY = intent.moveY;
      this.input.data.kick = intent.kick;
      this.input.send();
    }
    if (state.hostId === this.room.sessionId) {
      this.idleFrames = !isMatchRunning(state.phase) ? this.idleFrames + 1 : 0;
      if (this.idleFrames >= RESTART_AFTER_FRAMES) {
        this.idleFrames = 0;
        this.room.send(ClientMessage.startMatch);
      }
    }
    if ((frame + this.variant * 97) % CHAT_EVERY_FRAMES === 0) {
      this.room.send(ClientMessage.chat, { text: `gg from ${this.name} (frame ${frame})` });
    }
  }

  async leave(): Promise<void> {
    if (this.leftWith === null) await this.room.leave(true).catch(() => undefined);
  }
}
