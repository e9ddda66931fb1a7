// Buttons beside a name in the roster: mute for yourself (anyone), and the host's move, chat mute and kick (in a dialog).
import { LIMITS } from "../../shared/constants.ts";
import { playerName } from "../../shared/protocol.ts";
import type { Player, Team } from "../../shared/state.ts";
import { openDialog } from "./dialog.ts";
import { el } from "./dom.ts";

export interface RosterActions {
  movePlayer(sessionId: string, team: Team): void;
  kickPlayer(sessionId: string, reason: string): void;
  /** Host: mute this player's chat for everyone (the server drops their lines). */
  mutePlayer(sessionId: string, muted: boolean): void;
  /** Anyone: hide this player's chat on this page only. */
  muteForMe(sessionId: string, muted: boolean): void;
  isMutedForMe(sessionId: string): boolean;
  rename(name: string): void;
}

/** The row's buttons; `changed` re-renders the roster after a purely local toggle. */
export function rosterButtons(actions: RosterActions, sessionId: string, player: Player, isHost: boolean, changed: () => void): HTMLElement {
  const box = el("span", { class: "host-buttons" });
  if (!player.isBot) {
    const mutedForMe = actions.isMutedForMe(sessionId);
    const mine = el("button", { class: "tiny", title: mutedForMe ? "show their chat again" : "hide their chat (only for you)", text: mutedForMe ? "show" : "hide", "data-mute-for-me": sessionId });
    mine.addEventListener("click", () => { actions.muteForMe(sessionId, !mutedForMe); changed(); });
    box.append(mine);
  }
  if (!isHost) return box;
  for (const target of ["red", "blue", "spectator"] as const) {
    if (target === player.team) continue;
    const button = el("button", { class: "tiny", title: `move to ${target}`, text: target === "spectator" ? "S" : target[0].toUpperCase(), "data-move": target });
    button.addEventListener("click", () => actions.movePlayer(sessionId, target));
    box.append(button);
  }
  if (!player.isBot) {
    const mute = el("button", { class: "tiny", title: player.chatMuted ? "unmute their chat for everyone" : "mute their chat for everyone", text: player.chatMuted ? "unmute" : "mute", "data-host-mute": sessionId });
    mute.addEventListener("click", () => actions.mutePlayer(sessionId, !player.chatMuted));
    box.append(mute);
  }
  const kick = el("button", { class: "tiny", title: "kick", text: "✕", "data-kick": sessionId });
  kick.addEventListener("click", () => {
    const name = player.name;
    void openDialog({
      title: `Kick ${name}?`,
      text: player.isBot ? "The bot leaves the pitch." : `${name} leaves the room and cannot come back through the link.`,
      input: player.isBot ? undefined : { label: "Reason (optional, everyone sees it)", maxLength: LIMITS.chatLength },
      confirmLabel: "Kick",
      danger: true,
    }).then((reason) => { if (reason !== null) actions.kickPlayer(sessionId, reason.trim()); });
  });
  box.append(kick);
  return box;
}

/** Rename yourself in the room: checked here with the server's own schema, then again by the server. */
export function askRename(actions: RosterActions, current: string): void {
  void openDialog({
    title: "Change your name",
    input: { label: "Name", value: current, maxLength: LIMITS.nameLength, check: (value) => (playerName.safeParse(value).success ? null : "1–20 visible characters, please") },
    confirmLabel: "Rename",
  }).then((name) => { if (name !== null && name.trim() !== current) actions.rename(name.trim()); });
}
