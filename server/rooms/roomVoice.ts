// How a room speaks to its players: news as system chat lines and refusals as notices, both as codes with data (the page words them), join/leave news coalesced.
import type { Client, Room } from "colyseus";
import { isChatNews, type Announcement } from "../../shared/announcements.ts";
import type { Team } from "../../shared/match/teams.ts";
import type { NoticeCode } from "../../shared/notices.ts";
import { ServerMessage, type ChatLine, type Notice } from "../../shared/protocol.ts";
import { Announcer } from "./announcements.ts";

export class RoomVoice {
  private readonly room: Room;
  /** Join and leave news, coalesced so churn cannot flood the chat. */
  private readonly announcer: Announcer;

  constructor(room: Room) {
    this.room = room;
    this.announcer = new Announcer({
      send: (news) => this.announce(news),
      later: (callback, ms) => { room.clock.setTimeout(callback, ms); },
      now: () => room.clock.currentTime,
    });
  }

  /** Tells the room's chat some news (sim events that are not chat news, such as phase changes, are dropped). */
  announce(news: Announcement): void {
    if (isChatNews(news)) this.chat({ system: true, news });
  }

  chat(line: ChatLine): void {
    this.room.broadcast(ServerMessage.chat, line);
  }

  /** An error notice to one client, or to everyone when `client` is undefined. */
  notice(client: Client | undefined, reason: NoticeCode): void {
    const notice: Notice = { level: "error", reason };
    if (client) client.send(ServerMessage.notice, notice);
    else this.room.broadcast(ServerMessage.notice, notice);
  }

  joined(name: string, team: Team): void {
    this.announcer.joined(name, team);
  }

  left(name: string): void {
    this.announcer.left(name);
  }
}
