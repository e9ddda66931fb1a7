// The English for everything the server tells a player as a code: notices, chat announcements, join refusals, replay problems. One place to translate.
import type { Announcement } from "../../shared/announcements.ts";
import { JOIN_REFUSED } from "../../shared/joinRefusals.ts";
import type { Team } from "../../shared/match/teams.ts";
import type { NoticeCode } from "../../shared/notices.ts";
import type { MatchSummaryWire } from "../../shared/history.ts";
import type { ChatLine } from "../../shared/protocol.ts";
import type { ReplayFileProblem } from "../../shared/replay/replayFile.ts";

/** "team red", "the spectators": reads after "joined" or "moved to". */
function whereText(team: Team): string {
  return team === "spectator" ? "the spectators" : `team ${team}`;
}

/** "Ann", "Ann and Bob", "Ann, Bob and Cy", "7 players". */
function listed(names: readonly string[], count: number): string {
  if (names.length === 0 || names.length !== count) return `${count} players`;
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

const TOO_FAST = { chat: "sending messages", teamChange: "changing teams", rename: "renaming" } as const;

export function noticeText(notice: NoticeCode): string {
  switch (notice.code) {
    case "notHost": return "Only the host can do that";
    case "cannotKickSelf": return "You cannot kick yourself";
    case "cannotMute": return "You cannot mute that player";
    case "chatMuted": return "The host has muted your chat";
    case "tooFast": return `You are ${TOO_FAST[notice.what]} too fast`;
    case "badName": return "That name cannot be used: 1–20 visible characters, please";
    case "nameTaken": return `"${notice.name}" is already taken in this room`;
    case "serverRestarting": return "Server restarting…";
    case "noSuchPlayer": return "No such player";
    case "teamFull": return `Team ${notice.team} is full`;
    case "spectatorsFull": return "Spectator seats are full";
    case "botsCannotSpectate": return "Bots cannot spectate";
    case "nobodyOnTeam": return "Nobody is on a team yet";
    case "matchRunning": return "Settings can change between matches only";
  }
}

/** The chat line for an announcement ("" for news that has no words: the server does not send those). */
export function announcementText(news: Announcement): string {
  switch (news.kind) {
    case "joined":
      return news.count === 1 && news.team !== null ? `${listed(news.names, 1)} joined ${whereText(news.team)}` : `${listed(news.names, news.count)} joined`;
    case "left": return `${listed(news.names, news.count)} left`;
    case "lostConnection": return `${news.name} lost connection — holding the slot for ${news.graceSeconds} s`;
    case "back": return `${news.name} is back`;
    case "newHost": return `${news.name} is now the host`;
    case "renamed": return `${news.from} is now ${news.to}`;
    case "kicked": return `${news.name} was kicked by the host (${news.reason})`;
    case "muted": return news.muted ? `The host muted ${news.name}` : `The host unmuted ${news.name}`;
    case "locked": return news.locked ? "The host locked the room" : "The host unlocked the room";
    case "goal":
      return `GOAL for ${news.team}${news.scorerName ? ` by ${news.scorerName}` : ""} — ${news.scoreRed}:${news.scoreBlue}`;
    case "matchEnded":
      return news.winner === "draw" ? "Full time: a draw" : `Full time: ${news.winner} wins ${news.scoreRed}:${news.scoreBlue}`;
    case "matchStarted": return news.rematch ? "Rematch!" : "Match starting";
    case "matchStopped": return "The host stopped the match";
    case "teamChanged": return `${news.name} moved to ${whereText(news.team)}`;
    case "botJoined": return `${news.name} joined ${whereText(news.team)}`;
    case "botLeft": return `${news.name} left`;
    case "settingsChanged": return "The host changed the match settings";
    case "phase":
    case "kickoff":
      return "";
  }
}

/** What a chat line says: a player's own words, or the wording of the room's news. */
export function chatLineText(line: ChatLine): string {
  return line.system ? announcementText(line.news) : line.text;
}

/** What to tell a player whose join was refused, by the status the matchmaker answered (shared/joinRefusals.ts).
 * `serverMessage` is shown only where it carries data the status cannot (which field, when to retry). */
export function joinRefusalText(status: number, serverMessage: string): string {
  switch (status) {
    case JOIN_REFUSED.wrongPassword: return "Wrong password: type the room's password in the password box and try again.";
    case JOIN_REFUSED.roomGone: return "That room does not exist any more.";
    case JOIN_REFUSED.removedByHost: return "The host removed you from that room.";
    case JOIN_REFUSED.locked: return "That room is locked by its host.";
    case JOIN_REFUSED.seatsFull: return "That room is full.";
    case JOIN_REFUSED.badOptions: return `The server refused to seat you: ${serverMessage}`;
    case JOIN_REFUSED.tooMany: return serverMessage;
    default: return `The server could not seat you (${status}${serverMessage ? `: ${serverMessage}` : ""}).`;
  }
}

/** Why the replay viewer cannot show a replay: a file's problem, or the server's answer for a match id. */
export function replayProblemText(problem: ReplayFileProblem | "notFound" | "unreachable"): string {
  switch (problem) {
    case "notReplay": return "This file is not a Rebound replay.";
    case "futureVersion": return "This replay was made by a newer Rebound than this page can read.";
    case "tooLarge": return "This file is too large to be a Rebound replay.";
    case "truncated": return "This replay file is cut short: it ends before the match does.";
    case "corrupt": return "This replay file is damaged and cannot be played.";
    case "notFound": return "No match with this id is kept here (old matches are cleaned up after a while).";
    case "unreachable": return "The server did not answer: check your connection and reload.";
  }
}

/** The history's tag for a match that did not simply end (none for one that did). */
export function historyStatusText(status: MatchSummaryWire["status"]): string | null {
  switch (status) {
    case "ended": return null;
    case "recording": return "being played now";
    case "stopped": return "stopped by the host";
    case "abandoned": return "abandoned (everyone left)";
    case "interrupted": return "cut off (server restart)";
  }
}
