// Teams as a union and the roster rules: counts, "team full", where a newcomer goes, who inherits the host role.
import { MATCH_LIMITS } from "../constants.ts";

export type PlayingTeam = "red" | "blue";
export type Team = PlayingTeam | "spectator";
export function isPlayingTeam(team: string): team is PlayingTeam {
  return team === "red" || team === "blue";
}

/** Anything with players keyed by id: a Map, or the schema's MapSchema. */
export interface Roster<P> {
  forEach(callback: (player: P, id: string) => void): void;
}

export function countTeam(players: Roster<{ team: string }>, team: Team): number {
  let count = 0;
  players.forEach((player) => { if (player.team === team) count++; });
  return count;
}

/** No seat left on `team`: a playing team at the per-team cap, or the spectators at theirs. */
export function teamFull(players: Roster<{ team: string }>, team: Team, playersPerTeam: number): boolean {
  const cap = team === "spectator" ? MATCH_LIMITS.maxSpectators : playersPerTeam;
  return countTeam(players, team) >= cap;
}

/** The team with a free slot and fewer players (red on a tie), or null when both are full. */
export function freeTeam(players: Roster<{ team: string }>, playersPerTeam: number): PlayingTeam | null {
  const red = countTeam(players, "red");
  const blue = countTeam(players, "blue");
  if (red >= playersPerTeam && blue >= playersPerTeam) return null;
  if (red >= playersPerTeam) return "blue";
  if (blue >= playersPerTeam) return "red";
  return blue < red ? "blue" : "red";
}

/** Players on either team. */
export function seatedCount(players: Roster<{ team: string }>): number {
  return countTeam(players, "red") + countTeam(players, "blue");
}

/** The longest-present connected human, who becomes host when the host leaves ("" when none). */
export function longestPresentHuman(players: Roster<{ isBot: boolean; connected: boolean; joinedSeq: number }>): string {
  let next = "";
  let oldest = Number.POSITIVE_INFINITY;
  players.forEach((player, id) => {
    if (player.isBot || !player.connected) return;
    if (player.joinedSeq < oldest) {
      oldest = player.joinedSeq;
      next = id;
    }
  });
  return next;
}

export function humanCount(players: Roster<{ isBot: boolean }>): number {
  let count = 0;
  players.forEach((player) => { if (!player.isBot) count++; });
  return count;
}
