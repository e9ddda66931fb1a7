// The join card a share link (/r/<id>) shows before joining: name, the room and who is in it, password, Play / Spectate.
import "./joinCard.css";
import { LIMITS } from "../../shared/constants.ts";
import type { JoinCardInfo } from "../../shared/protocol.ts";
import { el, overlay } from "./dom.ts";
import { rememberedName, rememberName } from "./playerName.ts";

export interface JoinCardChoice {
  name: string;
  spectate: boolean;
  password?: string;
}

export interface JoinCardHandle {
  close(): void;
}

function people(info: JoinCardInfo): HTMLElement {
  const { counts } = info;
  const summary = `${counts.red + counts.blue}/${info.maxPlayers} playing · ${counts.spectators} watching`;
  if (!info.players) {
    return el("div", { class: "join-people", id: "join-card-people" },
      el("p", { text: summary }),
      el("p", { class: "help", text: "Names are shown to people with the password." }));
  }
  const team = (key: string, title: string) => {
    const names = info.players?.filter((p) => p.team === key).map((p) => p.name) ?? [];
    return el("div", { class: `join-team ${key}` }, el("h3", { text: title }),
      names.length ? el("ul", {}, ...names.map((name) => el("li", { text: name }))) : el("p", { class: "help", text: "nobody yet" }));
  };
  return el("div", { class: "join-people", id: "join-card-people" },
    el("p", { text: summary }),
    el("div", { class: "join-teams" }, team("red", "Red"), team("blue", "Blue"), team("spectator", "Watching")));
}

function phaseText(info: JoinCardInfo): string {
  if (info.phase === "waiting") return "Waiting for kickoff";
  if (info.phase === "ended") return `Full time ${info.scoreRed} : ${info.scoreBlue}`;
  return `Match on · ${info.scoreRed} : ${info.scoreBlue}`;
}

/** Shows the card; `join` rejects with a message to show on the card (wrong password, room full…). */
export function showJoinCard(
  info: JoinCardInfo,
  preferSpectate: boolean,
  join: (choice: JoinCardChoice) => Promise<void>,
  back: () => void,
): JoinCardHandle {
  const nameInput = el("input", { id: "join-card-name", maxlength: String(LIMITS.nameLength), value: rememberedName(), autocomplete: "nickname" });
  const passwordInput = info.hasPassword
    ? el("input", { id: "join-card-password", type: "password", maxlength: "64", autocomplete: "off", placeholder: "The room's password" })
    : null;
  const error = el("p", { class: "error", id: "join-card-error", role: "alert", text: info.locked ? "The host has locked this room: nobody new can join right now." : "" });
  const play = el("button", { class: preferSpectate ? "" : "primary", id: "join-card-play", type: "submit", text: "Play" });
  const spectate = el("button", { class: preferSpectate ? "primary" : "", id: "join-card-spectate", type: "button", text: "Spectate" });
  const backButton = el("button", { class: "link", id: "join-card-back", type: "button", text: "← All rooms" });
  const form = el("form", { class: "menu join-card", id: "join-card" },
    el("p", { class: "tagline", text: "You were invited to" }),
    el("h1", { id: "join-card-room", text: info.roomName }),
    el("p", { class: "join-status", text: `${phaseText(info)}${info.hasPassword ? " · 🔒 password" : ""}` }),
    people(info),
    el("label", {}, "Your name", nameInput),
    passwordInput ? el("label", {}, "Password", passwordInput) : null,
    el("div", { class: "row" }, play, spectate),
    error,
    backButton,
  );
  const choose = (asSpectator: boolean) => {
    const name = nameInput.value.trim();
    if (!name) {
      error.textContent = "Type a name first.";
      nameInput.focus();
      return;
    }
    if (passwordInput && !passwordInput.value) {
      error.textContent = "This room has a password: type it first.";
      passwordInput.focus();
      return;
    }
    form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    error.textContent = "";
    join({ name: rememberName(name), spectate: asSpectator, ...(passwordInput?.value ? { password: passwordInput.value } : {}) }).catch((failure: unknown) => {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
      form.querySelectorAll("button").forEach((b) => { b.disabled = false; });
    });
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); choose(preferSpectate); });
  play.addEventListener("click", (event) => { event.preventDefault(); choose(false); });
  spectate.addEventListener("click", () => choose(true));
  backButton.addEventListener("click", back);
  overlay().append(form);
  nameInput.focus();
  nameInput.select();
  return { close: () => form.remove() };
}
