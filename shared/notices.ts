// Why the server refused something a player sent, as a code with data: the wire carries the code, the page words it (game/ui/wording.ts).
import type { Refusal } from "./match/commands.ts";

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
