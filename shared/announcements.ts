// What a room announces in its chat, as codes with data (the sim's events and the room's own): the wire carries these, the page words them (game/ui/wording.ts).
import type { MatchEvent } from "./match/events.ts";
import type { Team } from "./match/teams.ts";

/** Names a join/leave line lists; a line gathering more says only how many (server/rooms/announcements.ts). */
export const MAX_NAMES_LISTED = 3;

/** The room's own news, beside the match sim's events. */
export type RoomAnnouncement =
  /** `names` holds everyone when `count` ≤ MAX_NAMES_LISTED, else nothing; `team` is set for a lone joiner. */
  | { kind: "joined"; names: string[]; count: number; team: Team | null }
  | { kind: "left"; names: string[]; count: number }
  | { kind: "lostConnection"; name: string; graceSeconds: number }
  | { kind: "back"; name: string }
  | { kind: "newHost"; name: string }
  | { kind: "renamed"; from: string; to: string }
  | { kind: "kicked"; name: string; reason: string }
  | { kind: "muted"; name: string; muted: boolean }
  | { kind: "locked"; locked: boolean };

export type Announcement = RoomAnnouncement | MatchEvent;

/** Sim events that change the picture but are not chat news (the scene shows them). */
const UNANNOUNCED: ReadonlySet<Announcement["kind"]> = new Set(["phase", "kickoff"]);

/** Whether the room tells its chat about this. */
export function isChatNews(news: Announcement): boolean {
  return !UNANNOUNCED.has(news.kind);
}
