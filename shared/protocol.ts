// Message names and payload shapes between client and server, with the zod schemas the server validates them by.
import { z } from "zod";
import { LIMITS, MATCH_LIMITS } from "./constants.ts";
import type { Announcement } from "./announcements.ts";
import type { Team } from "./match/teams.ts";
import type { NoticeCode } from "./notices.ts";
import { checkText, type TextRule } from "./text.ts";

/** Server → client message names. */
export const ServerMessage = {
  chat: "chat",
  notice: "notice",
  /** A goal's run-up as a replay file (bytes), re-simulated by each page (see server/replays/instantReplay.ts). */
  instantReplay: "instantReplay",
} as const;

/** An instant replay is a few KB; anything larger is not one. */
export const MAX_INSTANT_REPLAY_BYTES = 64 * 1024;

/** A string from a client, checked by shared/text.ts and replaced by its trimmed NFC form; a refusal
 * carries the check's reason as its message (and `params.problem`, the TextProblem code). */
export function clientText(rule: TextRule) {
  return z.string().transform((raw, ctx) => {
    const result = checkText(raw, rule);
    if (result.ok) return result.text;
    ctx.addIssue({ code: "custom", message: result.message, params: { problem: result.problem } });
    return z.NEVER;
  });
}

/** "name: contains a control character": the first problem of a refused payload, for the error a client sees. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unknown";
  return issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

/** A player's display name (join/create options; any rename message uses this same schema). */
export const playerName = clientText({ maxLength: LIMITS.nameLength });
const roomName = clientText({ maxLength: LIMITS.roomNameLength });
const password = clientText({ maxLength: LIMITS.passwordLength, opaque: true });

export const ChatPayload = z.object({ text: clientText({ maxLength: LIMITS.chatLength }) }).strict();
export type ChatPayload = z.infer<typeof ChatPayload>;

export const SetTeamPayload = z.object({ team: z.enum(["red", "blue", "spectator"]) }).strict();
export type SetTeamPayload = z.infer<typeof SetTeamPayload>;

const sessionId = z.string().min(1).max(64);

export const MovePlayerPayload = z.object({ sessionId, team: z.enum(["red", "blue", "spectator"]) }).strict();
export type MovePlayerPayload = z.infer<typeof MovePlayerPayload>;

export const KickPlayerPayload = z.object({ sessionId, reason: clientText({ maxLength: LIMITS.chatLength, allowEmpty: true }).optional() }).strict();
export type KickPlayerPayload = z.infer<typeof KickPlayerPayload>;

export const LockRoomPayload = z.object({ locked: z.boolean() }).strict();
export type LockRoomPayload = z.infer<typeof LockRoomPayload>;

export const AddBotPayload = z.object({ team: z.enum(["red", "blue"]) }).strict();
export type AddBotPayload = z.infer<typeof AddBotPayload>;

/** Removes the named bot, or the newest bot when no id is given. */
export const RemoveBotPayload = z.object({ sessionId: sessionId.optional() }).strict();
export type RemoveBotPayload = z.infer<typeof RemoveBotPayload>;

/** A rename. The text is only bounded here: the handler checks it with `playerName` and answers a bad
 * name with a notice, because a typed name that is refused should not cost the player the match. */
export const RenamePayload = z.object({ name: z.string().max(200) }).strict();
export type RenamePayload = z.infer<typeof RenamePayload>;

/** The host mutes (or unmutes) a player's chat for everyone. */
export const MutePlayerPayload = z.object({ sessionId, muted: z.boolean() }).strict();
export type MutePlayerPayload = z.infer<typeof MutePlayerPayload>;

export const EmptyPayload = z.union([z.undefined(), z.null(), z.object({}).strict()]);

export const SettingsPayload = z.object({
  roomName: roomName.optional(),
  playersPerTeam: z.number().int().min(MATCH_LIMITS.playersPerTeam.min).max(MATCH_LIMITS.playersPerTeam.max).optional(),
  scoreLimit: z.number().int().min(MATCH_LIMITS.scoreLimit.min).max(MATCH_LIMITS.scoreLimit.max).optional(),
  timeLimitSeconds: z.number().int().min(MATCH_LIMITS.timeLimitSeconds.min).max(MATCH_LIMITS.timeLimitSeconds.max).optional(),
}).strict();
export type SettingsPayload = z.infer<typeof SettingsPayload>;

/** Client → server messages: each name with the schema its payload must pass. The one place to add a
 * message: the room's handlers (server/rooms/roomActions.ts) and the client's typed send are built on it. */
export const CLIENT_MESSAGES = {
  chat: ChatPayload,
  setTeam: SetTeamPayload,
  startMatch: EmptyPayload,
  stopMatch: EmptyPayload,
  updateSettings: SettingsPayload,
  movePlayer: MovePlayerPayload,
  kickPlayer: KickPlayerPayload,
  lockRoom: LockRoomPayload,
  addBot: AddBotPayload,
  removeBot: RemoveBotPayload,
  rename: RenamePayload,
  mutePlayer: MutePlayerPayload,
} as const;
export type ClientMessageName = keyof typeof CLIENT_MESSAGES;
/** What a client may send as `name`'s payload (before the server's transforms). */
export type ClientPayload<K extends ClientMessageName> = z.input<(typeof CLIENT_MESSAGES)[K]>;
/** What the server's handler for `name` receives (validated and transformed). */
export type ValidPayload<K extends ClientMessageName> = z.output<(typeof CLIENT_MESSAGES)[K]>;

/** Client → server message names, as constants (`ClientMessage.chat === "chat"`). */
export const ClientMessage = Object.fromEntries(Object.keys(CLIENT_MESSAGES).map((name) => [name, name])) as { readonly [K in ClientMessageName]: K };

/** A random id the browser keeps in localStorage: what a host's kick bans (there are no accounts). */
export const DeviceId = z.string().regex(/^[A-Za-z0-9-]{16,64}$/);

/** Options a client passes when it creates a room (validated in onCreate). */
export const CreateOptions = SettingsPayload.extend({
  isPrivate: z.boolean().optional(),
  password: password.optional(),
  name: playerName.optional(),
  spectate: z.boolean().optional(),
  deviceId: DeviceId.optional(),
}).strip();
export type CreateOptions = z.input<typeof CreateOptions>;

/** Options a client passes when it joins (validated in onAuth). */
export const JoinOptions = z.object({
  name: playerName.optional(),
  spectate: z.boolean().optional(),
  password: password.optional(),
  deviceId: DeviceId.optional(),
  /** A hidden observer (the compare page): never in the roster, never counted, never on a team. */
  observe: z.boolean().optional(),
}).strip();
export type JoinOptions = z.input<typeof JoinOptions>;

/** A line a player typed. */
export interface PlayerChatLine {
  system: false;
  from: string;
  /** The sender's session id, so a reader can mute that sender for themselves. */
  fromId: string;
  team: Team;
  text: string;
}

/** The room's news, as a code with data; the page words it (game/ui/wording.ts). */
export interface SystemChatLine {
  system: true;
  news: Announcement;
}

export type ChatLine = PlayerChatLine | SystemChatLine;

export interface Notice {
  level: "info" | "error";
  /** Why, as a code with data; the page words it (game/ui/wording.ts). */
  reason: NoticeCode;
}

/** Room name as registered with the server's matchmaker. */
export const MATCH_ROOM = "match";

/** Listing metadata the room publishes for room browsers. */
export interface RoomListingMetadata {
  roomName: string;
  phase: string;
  scoreRed: number;
  scoreBlue: number;
  players: number;
  maxPlayers: number;
  spectators: number;
  hasPassword: boolean;
  locked: boolean;
}

/** What a share link's join card shows before joining (GET /api/rooms/<id>/card). */
export interface JoinCardInfo {
  roomId: string;
  roomName: string;
  phase: string;
  scoreRed: number;
  scoreBlue: number;
  hasPassword: boolean;
  locked: boolean;
  maxPlayers: number;
  /** Who is in it; null for a password room (names are for people who know the password). */
  players: { name: string; team: string }[] | null;
  counts: { red: number; blue: number; spectators: number };
}

/** Room name of the live room listing (Colyseus LobbyRoom). */
export const LOBBY_ROOM = "lobby";
