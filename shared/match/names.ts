// Names unique in a room: a name already taken gets the first free suffix, "Sam" → "Sam (2)".
//
// Why a suffix and not a refusal: a friend opening the share link with the same remembered name (or a
// second tab) still gets straight in, and names stay distinct in the chat, the score list and the
// host's kick buttons, so nobody can pose as another player.
import { LIMITS } from "../constants.ts";
import { truncateText } from "../text.ts";
import type { Roster } from "./teams.ts";

/** Names compare without case or surrounding space: "sam" beside "Sam " reads as the same person. */
const key = (name: string): string => name.trim().toLocaleLowerCase("en");

/** The names in the room (compare keys), leaving out one player's own. */
function takenNames(players: Roster<{ name: string }>, exceptSessionId?: string): Set<string> {
  const taken = new Set<string>();
  players.forEach((player, sessionId) => { if (sessionId !== exceptSessionId) taken.add(key(player.name)); });
  return taken;
}

/** Whether someone other than `exceptSessionId` already goes by `name`. */
export function nameTaken(players: Roster<{ name: string }>, name: string, exceptSessionId?: string): boolean {
  return takenNames(players, exceptSessionId).has(key(name));
}

/** `wanted`, or `wanted (n)` with the smallest free n ≥ 2, shortened to fit LIMITS.nameLength. */
export function uniqueName(players: Roster<{ name: string }>, wanted: string, exceptSessionId?: string): string {
  const taken = takenNames(players, exceptSessionId);
  if (!taken.has(key(wanted))) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${truncateText(wanted, LIMITS.nameLength - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(key(candidate))) return candidate;
  }
}
