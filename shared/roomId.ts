// The room-id rule: which characters a room id has, checked by the HTTP routes and read from links by the pages.
const ID_CHARS = "A-Za-z0-9_-";
const ROOM_ID = new RegExp(`^[${ID_CHARS}]{1,64}$`);

export function isRoomId(value: string): boolean {
  return ROOM_ID.test(value);
}

/** The id in a page path `/<route>/<id>…` (`/r/abc`, `/compare/abc`), or null. */
export function roomIdFromPath(pathname: string, route: "r" | "compare"): string | null {
  return new RegExp(`^/${route}/([${ID_CHARS}]+)`).exec(pathname)?.[1] ?? null;
}

/** What a person typed or pasted: a bare room id, or any link containing /r/<id>. */
export function roomIdFromCode(code: string): string {
  const trimmed = code.trim();
  const inLink = new RegExp(`/r/([${ID_CHARS}]+)`).exec(trimmed);
  return inLink ? inLink[1] : trimmed.replace(new RegExp(`[^${ID_CHARS}]`, "g"), "");
}
