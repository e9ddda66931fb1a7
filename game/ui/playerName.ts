// The player's display name, remembered in localStorage between visits, checked by the same rule the server uses.
import { LIMITS } from "../../shared/constants.ts";
import { checkText } from "../../shared/text.ts";

const STORAGE_KEY = "rebound.name";
const NAME_RULE = { maxLength: LIMITS.nameLength };

/** Why `raw` cannot be a name ("Name contains a control character"), or null when it can. */
export function nameProblem(raw: string): string | null {
  const result = checkText(raw, NAME_RULE);
  return result.ok ? null : `Name ${result.message}`;
}

export function rememberedName(): string {
  const stored = checkText(localStorage.getItem(STORAGE_KEY) ?? "", NAME_RULE);
  if (stored.ok) return stored.text;
  return `Player${Math.floor(1000 + Math.random() * 9000)}`;
}

/** Remembers `name` when it is a valid name and returns what to join with (else the last good one). */
export function rememberName(name: string): string {
  const checked = checkText(name, NAME_RULE);
  const clean = checked.ok ? checked.text : rememberedName();
  localStorage.setItem(STORAGE_KEY, clean);
  return clean;
}
