// Who hosts a room: the first person in, then, when the host leaves, the longest-present connected person (shared/match/teams.ts).
import { longestPresentHuman } from "../../shared/match/teams.ts";
import type { MatchState } from "../../shared/state.ts";

/** The first person seated in an empty-handed room becomes its host. */
export function takeHostIfFree(state: MatchState, sessionId: string): void {
  if (!state.hostId) state.hostId = sessionId;
}

/** After `leaver` left: if they hosted, the role passes on; returns the new host's name when it did. */
export function passHostOn(state: MatchState, leaver: string): string | null {
  if (state.hostId !== leaver) return null;
  state.hostId = longestPresentHuman(state.players);
  return state.players.get(state.hostId)?.name ?? null;
}
