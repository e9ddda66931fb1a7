// The English for the match's events and refusals: the room words them for the chat and notices today.
import type { Refusal } from "./commands.ts";
import type { MatchEvent } from "./events.ts";
import type { Team } from "./teams.ts";

/** "team red", "the spectators": reads after "joined" or "moved to". */
export function whereText(team: Team): string {
  return team === "spectator" ? "the spectators" : `team ${team}`;
}

/** The chat line announcing an event, or null for events nobody is told about in words. */
export function matchEventText(event: MatchEvent): string | null {
  switch (event.kind) {
    case "goal":
      return `GOAL for ${event.team}${event.scorerName ? ` by ${event.scorerName}` : ""} — ${event.scoreRed}:${event.scoreBlue}`;
    case "matchEnded":
      return event.winner === "draw" ? "Full time: a draw" : `Full time: ${event.winner} wins ${event.scoreRed}:${event.scoreBlue}`;
    case "matchStarted": return event.rematch ? "Rematch!" : "Match starting";
    case "matchStopped": return "The host stopped the match";
    case "teamChanged": return `${event.name} moved to ${whereText(event.team)}`;
    case "botJoined": return `${event.name} joined ${whereText(event.team)}`;
    case "botLeft": return `${event.name} left`;
    case "settingsChanged": return "The host changed the match settings";
    case "phase":
    case "kickoff":
      return null;
  }
}

export function refusalText(refusal: Refusal): string {
  switch (refusal.code) {
    case "noSuchPlayer": return "No such player";
    case "teamFull": return `Team ${refusal.team} is full`;
    case "spectatorsFull": return "Spectator seats are full";
    case "botsCannotSpectate": return "Bots cannot spectate";
    case "nobodyOnTeam": return "Nobody is on a team yet";
    case "matchRunning": return "Settings can change between matches only";
  }
}
