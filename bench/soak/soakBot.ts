// A light soak-test player on the real @colyseus/sdk: chases the ball at 60 Hz with the practice-bot brain, restarts finished matches when it is the host, chats now and then.
import { HeadlessPlayer } from "../../harness/headlessPlayer.ts";
import { BallWatcher, botIntent } from "../../shared/bot.ts";
import { TICK_HZ } from "../../shared/constants.ts";
import { ClientMessage } from "../../shared/protocol.ts";
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
  private readonly player: HeadlessPlayer;
  private readonly variant: number;
  private idleFrames = 0;
  patches = 0;
  drops = 0;
  reconnects = 0;
  /** Close code once the room is gone for this bot, else null. */
  leftWith: number | null = null;

  private constructor(player: HeadlessPlayer, name: string, variant: number) {
    this.player = player;
    this.name = name;
    this.variant = variant;
    const room = player.room;
    room.onStateChange(() => { this.patches += 1; });
    room.onDrop(() => { this.drops += 1; });
    room.onReconnect(() => { this.reconnects += 1; });
    room.onLeave((code) => { this.leftWith = code; });
  }

  static async create(endpoint: string, name: string, variant: number): Promise<SoakBot> {
    return new SoakBot(await HeadlessPlayer.create(endpoint, { name }), name, variant);
  }

  static async join(endpoint: string, roomId: string, name: string, variant: number): Promise<SoakBot> {
    return new SoakBot(await HeadlessPlayer.joinById(endpoint, roomId, { name }), name, variant);
  }

  get roomId(): string {
    return this.player.roomId;
  }

  get connected(): boolean {
    return this.leftWith === null && this.player.room.connection.isOpen;
  }

  /** One frame: an input from the bot brain (every frame, as a browser sends), host duties, a chat line now and then. */
  step(frame: number): void {
    if (!this.connected) return;
    const state = this.player.state;
    const me = this.player.me;
    if (!me) return;
    if (isPlayingTeam(me.team)) {
      this.player.sendIntent(botIntent(me, this.ballWatcher.see(state.ball, state.tick), me.team, this.variant));
    }
    if (state.hostId === this.player.sessionId) {
      this.idleFrames = !isMatchRunning(state.phase) ? this.idleFrames + 1 : 0;
      if (this.idleFrames >= RESTART_AFTER_FRAMES) {
        this.idleFrames = 0;
        this.player.send(ClientMessage.startMatch, {});
      }
    }
    if ((frame + this.variant * 97) % CHAT_EVERY_FRAMES === 0) {
      this.player.send(ClientMessage.chat, { text: `gg from ${this.name} (frame ${frame})` });
    }
  }

  async leave(): Promise<void> {
    if (this.leftWith === null) await this.player.leave().catch(() => undefined);
  }
}
