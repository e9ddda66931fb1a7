// What a share link's join card may show about a room before anyone joins it.
import type { JoinCardInfo } from "../../shared/protocol.ts";
import type { MatchState } from "../../shared/state.ts";

/**
 * A private room's card is for link holders (the link is the secret), so it shows who is in it.
 * A password room shows only counts: names are for people who know the password.
 */
export function joinCardOf(roomId: string, state: MatchState): JoinCardInfo {
  const counts = { red: 0, blue: 0, spectators: 0 };
  const players: { name: string; team: string }[] = [];
  state.players.forEach((player) => {
    if (player.team === "red") counts.red++;
    else if (player.team === "blue") counts.blue++;
    else counts.spectators++;
    players.push({ name: player.name, team: player.team });
  });
  const settings = state.settings;
  return {
    roomId,
    roomName: settings.roomName,
    phase: state.phase,
    scoreRed: state.scoreRed,
    scoreBlue: state.scoreBlue,
    hasPassword: settings.hasPassword,
    locked: settings.locked,
    maxPlayers: settings.playersPerTeam * 2,
    players: settings.hasPassword ? null : players,
    counts,
  };
}
