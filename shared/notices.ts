// Why the server refused something, as a code with data, and its one wording (sent as the notice text today).
import type { Refusal } from "./match/commands.ts";
import { refusalText } from "./match/wording.ts";

/** Everything a notice can say: the match sim's refusals and the room's own. */
export type NoticeCode =
  | Refusal
  | { code: "notHost" }
  | { code: "cannotKickSelf" }
  | { code: "cannotMute" }
  | { code: "chatMuted" }
  | { code: "tooFast"; what: "chat" | "teamChange" | "rename" }
  | { code: "badName" }
  | { code: "nameTaken"; name: string }
  | { code: "serverRestarting" };

const TOO_FAST = { chat: "sending messages", teamChange: "changing teams", rename: "renaming" } as const;

/** The English for a notice. Why on the server: the wire format {level, text} is kept for existing clients and tests;
 * sending the code instead and calling this on the client is the next step. */
export function noticeText(notice: NoticeCode): string {
  switch (notice.code) {
    case "notHost": return "Only the host can do that";
    case "cannotKickSelf": return "You cannot kick yourself";
    case "cannotMute": return "You cannot mute that player";
    case "chatMuted": return "The host has muted your chat";
    case "tooFast": return `You are ${TOO_FAST[notice.what]} too fast`;
    case "badName": return "That name cannot be used: 1–20 visible characters, please";
    case "nameTaken": return `"${notice.name}" is already taken in this room`;
    case "serverRestarting": return "Server restarting…";
    default: return refusalText(notice);
  }
}
