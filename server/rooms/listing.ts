// What the room tells the outside world about itself: the lobby listing, and who may read its live snapshot.
import { countTeam, seatedCount } from "../../shared/match/teams.ts";
import type { RoomListingMetadata } from "../../shared/protocol.ts";
import type { MatchState } from "../../shared/state.ts";
import type { Refusal } from "../limits/quotas.ts";

export function listingOf(state: MatchState): RoomListingMetadata {
  const settings = state.settings;
  return {
    roomName: settings.roomName,
    phase: state.phase,
    scoreRed: state.scoreRed,
    scoreBlue: state.scoreBlue,
    players: seatedCount(state.players),
    maxPlayers: settings.playersPerTeam * 2,
    spectators: countTeam(state.players, "spectator"),
    hasPassword: settings.hasPassword,
    locked: settings.locked,
  };
}

/** GET /api/rooms/<id>/live serves public rooms to anyone, a password room with its password,
 * a private room without one to nobody. */
export function liveRefusal(state: MatchState, password: string, given: unknown): Refusal | null {
  const unlocked = password.length > 0 && given === password;
  if (state.settings.hasPassword && !unlocked) return { status: 403, message: "this match has a password: send it as X-Room-Password" };
  if (state.settings.isPrivate && !unlocked) return { status: 403, message: "this match is private" };
  return null;
}
