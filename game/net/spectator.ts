// A read-only WebSocket feed of one match: joins as a hidden observer through @colyseus/sdk and exposes state, server clock and traffic.
import { Client, type Room } from "@colyseus/sdk";
import type { JoinOptions } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { TrafficMeter } from "./traffic.ts";

export class SpectatorFeed {
  readonly traffic = new TrafficMeter();
  /** State updates received (the first full state, then one per patch). */
  updates = 0;
  /** Set once the server or the network ended the feed. */
  closedWith: number | null = null;
  private readonly room: Room<unknown, MatchState>;

  private constructor(room: Room<unknown, MatchState>) {
    this.room = room;
    this.traffic.attach(room);
    room.onStateChange(() => { this.updates += 1; });
    room.onLeave((code) => { this.closedWith = code; });
    // The room's chat and notices are not this page's business; handlers keep the SDK from warning.
    room.onMessage("*", () => undefined);
  }

  /** Joins `roomId` on the server at `endpoint` (http(s)://host:port) as a hidden observer: no seat, no
   * input, never in the roster or the counts, and nobody can move it onto a team. */
  static async join(endpoint: string, roomId: string, password?: string): Promise<SpectatorFeed> {
    const options: JoinOptions = { observe: true, ...(password ? { password } : {}) };
    const room = await new Client(endpoint).joinById(roomId, options, MatchState);
    return new SpectatorFeed(room);
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

  /** ws:// or wss://, read from the URL the socket actually opened. */
  get protocol(): string {
    return (this.room.connection.url ?? "").startsWith("wss:") ? "wss://" : "ws://";
  }

  /** Estimated server time now (ms since the room started), from the SDK's room clock. */
  serverNow(): number {
    return this.room.clock.serverNow();
  }

  /** Server time at which the state this feed holds was true (the TIMED stamp of the last patch). */
  dataServerTime(): number {
    return this.room.clock.lastServerTime();
  }

  /** How old the held state is now (ms): the clock-corrected server now minus the data's server time. */
  staleness(): number {
    return Math.max(0, this.serverNow() - this.dataServerTime());
  }

  async leave(): Promise<void> {
    if (this.closedWith === null) await this.room.leave(true);
  }
}
