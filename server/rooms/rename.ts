// Checks a rename inside a room: the shared name schema, then that nobody else in the room goes by that name.
import type { NoticeCode } from "../../shared/notices.ts";
import { playerName } from "../../shared/protocol.ts";
import { nameTaken } from "../../shared/match/names.ts";
import type { Roster } from "../../shared/match/teams.ts";

export type RenameCheck = { ok: true; name: string } | { ok: false; refusal: NoticeCode };

export function checkRename(players: Roster<{ name: string }>, sessionId: string, requested: string): RenameCheck {
  const parsed = playerName.safeParse(requested);
  if (!parsed.success) return { ok: false, refusal: { code: "badName" } };
  const name = parsed.data;
  if (nameTaken(players, name, sessionId)) return { ok: false, refusal: { code: "nameTaken", name } };
  return { ok: true, name };
}
