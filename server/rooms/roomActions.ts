// What people do in a room besides playing: the message table, chat, renames, and the host's powers (start, move, kick, mute, lock, bots, settings).
import { validate, type Client } from "colyseus";
import { CLOSE } from "../../shared/constants.ts";
import type { MatchCommand } from "../../shared/match/commands.ts";
import type { Team } from "../../shared/match/teams.ts";
import type { Announcement } from "../../shared/announcements.ts";
import type { NoticeCode } from "../../shared/notices.ts";
import { CLIENT_MESSAGES, type ChatLine, type ClientMessageName, type ValidPayload } from "../../shared/protocol.ts";
import type { MatchState } from "../../shared/state.ts";
import { Allowances, type AllowanceKind } from "./allowances.ts";
import type { Moderation } from "./moderation.ts";
import { checkRename } from "./rename.ts";

/** What the actions need of the room. */
export interface RoomPort {
  readonly state: MatchState;
  readonly moderation: Moderation;
  /** Gives the match sim a command; a refusal goes back to `client` as a notice. */
  command(client: Client | undefined, command: MatchCommand): void;
  announce(news: Announcement): void;
  notice(client: Client | undefined, notice: NoticeCode): void;
  chat(line: ChatLine): void;
  clientById(sessionId: string): Client | undefined;
  setLocked(locked: boolean): void;
  publishListing(): void;
  now(): number;
}

export class RoomActions {
  private readonly allowances = new Allowances();
  private readonly room: RoomPort;

  constructor(room: RoomPort) {
    this.room = room;
  }

  /** The room's message handlers, one per entry of the message table: each payload is validated by its schema first. */
  messages() {
    const command = (client: Client, made: MatchCommand) => this.room.command(client, made);
    const hostOnly = (client: Client, action: () => void) => this.hostOnly(client, action);
    return {
      ...fromTable({
        chat: (client, message) => this.chat(client, message.text),
        setTeam: (client, message) => this.setOwnTeam(client, message.team),
        startMatch: (client) => hostOnly(client, () => command(client, { kind: "start" })),
        stopMatch: (client) => hostOnly(client, () => command(client, { kind: "stop" })),
        updateSettings: (client, message) => hostOnly(client, () => command(client, { kind: "settings", settings: message })),
        movePlayer: (client, message) => hostOnly(client, () => command(client, { kind: "setTeam", id: message.sessionId, team: message.team })),
        kickPlayer: (client, message) => hostOnly(client, () => this.kick(client, message.sessionId, message.reason)),
        lockRoom: (client, message) => hostOnly(client, () => this.lock(message.locked)),
        addBot: (client, message) => hostOnly(client, () => command(client, { kind: "addBot", team: message.team })),
        removeBot: (client, message) => hostOnly(client, () => command(client, { kind: "removeBot", id: message.sessionId })),
        rename: (client, message) => this.rename(client, message.name),
        mutePlayer: (client, message) => hostOnly(client, () => this.mute(client, message.sessionId, message.muted)),
      }),
      // Anything the protocol does not name is a broken or hostile client: disconnect only that one.
      // `type` is unknown on purpose: a message literally named "*" arrives here with its payload in this
      // slot, and String() of a crafted object ({ toString: 1 }) threw and took the whole process down.
      "*": (client: Client, type: unknown) => {
        const name = typeof type === "string" || typeof type === "number" ? String(type).slice(0, 40) : "*";
        client.leave(CLOSE.badInput, `unknown message type ${name}`);
      },
    };
  }

  forget(sessionId: string): void {
    this.allowances.forget(sessionId);
  }

  private chat(client: Client, text: string): void {
    const player = this.room.state.players.get(client.sessionId);
    if (!player) return;
    if (player.chatMuted) return this.room.notice(client, { code: "chatMuted" });
    if (!this.allow(client, "chat")) return;
    this.room.chat({ from: player.name, fromId: client.sessionId, team: player.team, text, system: false });
  }

  /** Every team change is announced to the whole room: capped like chat, or toggling teams at the
   * message rate would flood everyone's chat past the chat limit. */
  private setOwnTeam(client: Client, team: Team): void {
    const player = this.room.state.players.get(client.sessionId);
    if (player && player.team !== team && !this.allow(client, "teamChange")) return;
    this.room.command(client, { kind: "setTeam", id: client.sessionId, team });
  }

  /** Renames are announced to everyone, so they are capped like team changes. */
  private rename(client: Client, requested: string): void {
    const player = this.room.state.players.get(client.sessionId);
    if (!player) return;
    const check = checkRename(this.room.state.players, client.sessionId, requested);
    if (!check.ok) return this.room.notice(client, check.refusal);
    if (check.name === player.name || !this.allow(client, "rename")) return;
    this.room.announce({ kind: "renamed", from: player.name, to: check.name });
    this.room.command(client, { kind: "rename", id: client.sessionId, name: check.name });
  }

  private kick(host: Client, sessionId: string, reason: string | undefined): void {
    if (sessionId === host.sessionId) return this.room.notice(host, { code: "cannotKickSelf" });
    const player = this.room.state.players.get(sessionId);
    if (!player) return this.room.notice(host, { code: "noSuchPlayer" });
    if (player.isBot) return this.room.command(host, { kind: "removeBot", id: sessionId });
    const why = reason?.trim() || "no reason given";
    // Kicked means out of this room for good (for this device): the share link refuses them from now on.
    this.room.moderation.ban(sessionId);
    this.room.announce({ kind: "kicked", name: player.name, reason: why });
    const target = this.room.clientById(sessionId);
    if (target) target.leave(CLOSE.kicked, `Kicked by the host: ${why}`);
    else this.room.command(undefined, { kind: "leave", id: sessionId }); // a dropped player waiting to reconnect
  }

  private mute(host: Client, sessionId: string, muted: boolean): void {
    const player = this.room.state.players.get(sessionId);
    if (!player || player.isBot || sessionId === host.sessionId) return this.room.notice(host, { code: "cannotMute" });
    if (player.chatMuted === muted) return;
    player.chatMuted = muted;
    this.room.moderation.setMuted(sessionId, muted);
    this.room.announce({ kind: "muted", name: player.name, muted });
  }

  private lock(locked: boolean): void {
    this.room.state.settings.locked = locked;
    this.room.setLocked(locked);
    this.room.announce({ kind: "locked", locked });
    this.room.publishListing();
  }

  /** Takes one of the client's allowance slots of `kind`, or tells it to slow down. */
  private allow(client: Client, kind: AllowanceKind): boolean {
    if (this.allowances.take(kind, client.sessionId, this.room.now())) return true;
    this.room.notice(client, { code: "tooFast", what: kind });
    return false;
  }

  private hostOnly(client: Client, action: () => void): void {
    if (client.sessionId !== this.room.state.hostId) return this.room.notice(client, { code: "notHost" });
    action();
  }
}

type TableHandlers = { [K in ClientMessageName]: (client: Client, payload: ValidPayload<K>) => void };

/** One validated handler per message of the table (a message missing a handler does not compile). */
function fromTable(handlers: TableHandlers) {
  const names = Object.keys(CLIENT_MESSAGES) as ClientMessageName[];
  return Object.fromEntries(names.map((name) => [
    name,
    validate(CLIENT_MESSAGES[name], handlers[name] as (client: Client, payload: unknown) => void),
  ]));
}
