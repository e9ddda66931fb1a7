// What a room announces in its chat, as codes with data (the sim's events and the room's own), and their one wording.
import type { MatchEvent } from "./match/events.ts";
import { matchEventText } from "./match/wording.ts";

/** The room's own news, beside the match sim's events. */
export type RoomAnnouncement =
  | { kind: "lostConnection"; name: string; graceSeconds: number }
  | { kind: "back"; name: string }
  | { kind: "newHost"; name: string }
  | { kind: "renamed"; from: string; to: string }
  | { kind: "kicked"; name: string; reason: string }
  | { kind: "muted"; name: string; muted: boolean }
  | { kind: "locked"; locked: boolean };

export type Announcement = RoomAnnouncement | MatchEvent;

/** The chat line for an announcement, or null for events nobody is told about in words (phase, kickoff). */
export function announcementText(news: Announcement): string | null {
  switch (news.kind) {
    case "lostConnection": return `${news.name} lost connection — holding the slot for ${news.graceSeconds} s`;
    case "back": return `${news.name} is back`;
    case "newHost": return `${news.name} is now the host`;
    case "renamed": return `${news.from} is now ${news.to}`;
    case "kicked": return `${news.name} was kicked by the host (${news.reason})`;
    case "muted": return news.muted ? `The host muted ${news.name}` : `The host unmuted ${news.name}`;
    case "locked": return news.locked ? "The host locked the room" : "The host unlocked the room";
    default: return matchEventText(news);
  }
}
