// The headless Rebound client: one match room on @colyseus/sdk without Phaser or the DOM, sending through the browser's own net code (game/net/send.ts, game/net/inputChannel.ts).
// Bench bots and soak bots play through it; the test helpers send inputs through the same two modules.
import { Client, type Room } from "@colyseus/sdk";
import { openInputChannel, sendIntent, type InputChannel } from "../game/net/inputChannel.ts";
import { send } from "../game/net/send.ts";
import type { InputIntent } from "../shared/input.ts";
import { MATCH_ROOM, type ClientMessageName, type ClientPayload, type CreateOptions, type JoinOptions } from "../shared/protocol.ts";
import { MatchState, type Player } from "../shared/state.ts";

export type MatchRoomHandle = Room<unknown, MatchState>;

export class HeadlessPlayer {
  readonly room: MatchRoomHandle;

  constructor(room: MatchRoomHandle) {
    this.room = room;
    // Chat and notices nobody listens for are dropped quietly (the SDK warns about unhandled types);
    // a handler registered for a type still receives it: "*" only catches the rest.
    room.onMessage("*", () => undefined);
  }

  /** Creates a fresh match room (the creator is its host). */
  static async create(endpoint: string, options: CreateOptions = {}): Promise<HeadlessPlayer> {
    return new HeadlessPlayer(await new Client(endpoint).create(MATCH_ROOM, options, MatchState));
  }

  static async joinById(endpoint: string, roomId: string, options: JoinOptions = {}): Promise<HeadlessPlayer> {
    return new HeadlessPlayer(await new Client(endpoint).joinById(roomId, options, MatchState));
  }

  get roomId(): string {
    return this.room.roomId;
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  get state(): MatchState {
    return this.room.state;
  }

  /** Our own player, once the state holding it has arrived. */
  get me(): Player | undefined {
    return this.room.state.players?.get(this.room.sessionId);
  }

  /** One client message, typed by the message table as the browser's are. */
  send<K extends ClientMessageName>(name: K, payload: ClientPayload<K>): void {
    send(this.room, name, payload);
  }

  /** The input channel, opened on first use: a spectator that never sends never opens one. */
  get input(): InputChannel {
    return openInputChannel(this.room);
  }

  /** One fixed step's intent on the input channel; its seq, or 0 when the connection is closed. */
  sendIntent(intent: Readonly<InputIntent>): number {
    return sendIntent(this.input, intent);
  }

  /** The last input seq the server has applied (acked in a state patch). */
  get lastProcessed(): number {
    return this.input.lastProcessed;
  }

  get sentCount(): number {
    return this.input.sentCount;
  }

  /** A consented leave by default, so the server frees the seat at once; resolves with the close code. */
  leave(consented = true): Promise<number> {
    return this.room.leave(consented);
  }
}
