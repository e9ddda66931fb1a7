// Who is where in a room: team counts, the team a newcomer should join, and who inherits the host role.
import type { MapSchema } from "@colyseus/schema";
import type { Player, PlayingTeam, Team } from "../../shared/state.ts";

type Players = MapSchema<Player>;

export function countTeam(players: Players, team: Team): number {
  let count = 0;
  players.forEach((player) => { if (player.team === team) count++; });
  return count;
}

/** The team with a free slot and fewer players (red on a tie), or null when both are full. */
export function freeTeam(players: Players, playersPerTeam: number): PlayingTeam | null {
  const red = countTeam(players, "red");
  const blue = countTeam(players, "blue");
  if (red >= playersPerTeam && blue >= playersPerTeam) return null;
  if (red >= playersPerTeam) return "blue";
  if (blue >= playersPerTeam) return "red";
  return blue < red ? "blue" : "red";
}

/** The longest-present connected human, who becomes host when the host leaves ("" when none). */
export function longestPresentHuman(players: Players): string {
  let next = "";
  let oldest = Number.POSITIVE_INFINITY;
  players.forEach((player, sessionId) => {
    if (player.isBot || !player.connected) return;
    if (player.joinedSeq < oldest) {
      oldest = player.joinedSeq;
      next = sessionId;
    }
  });
  return next;
}

export function humanCount(players: Players): number {
  let count = 0;
  players.forEach((player) => { if (!player.isBot) count++; });
  return count;
}
