// The start menu (DOM): name, Quick play, Host a room (settings form), Join by code or link.
import { LIMITS, MATCH_DEFAULTS, MATCH_LIMITS } from "../../shared/constants.ts";
import type { CreateOptions } from "../../shared/protocol.ts";
import { isTouchScreen } from "../input/touch.ts";
import type { ListedRoom } from "../net/lobby.ts";
import { el, overlay } from "./dom.ts";
import { renderRoomList } from "./roomList.ts";
import { nameProblem, rememberedName, rememberName } from "./playerName.ts";
import { roomIdFromCode } from "../../shared/roomId.ts";

export interface MenuActions {
  quickPlay(name: string): Promise<void>;
  host(options: CreateOptions): Promise<void>;
  join(roomId: string, name: string, spectate: boolean, password?: string): Promise<void>;
}

export interface MenuHandle {
  close(): void;
  setRooms(rooms: ListedRoom[]): void;
}


function numberField(label: string, name: string, value: number, min: number, max: number): HTMLLabelElement {
  return el("label", {}, label, el("input", { name, type: "number", value: String(value), min: String(min), max: String(max), required: true }));
}

export function showMenu(actions: MenuActions, message = ""): MenuHandle {
  const initialName = rememberName(rememberedName());
  const nameInput = el("input", { id: "name", maxlength: String(LIMITS.nameLength), value: initialName, autocomplete: "nickname" });
  const nameHint = el("p", { class: "error", id: "name-problem", role: "status" });
  const defaultRoomName = (who: string) => `${who.trim() || "My"}'s room`.slice(0, LIMITS.roomNameLength);
  // Remember the name as it is typed, so a link opened next (/r/<id>) uses it too; say at once why a name
  // cannot be used; the room name follows it ("Sam's room") until the host types a room name of their own.
  nameInput.addEventListener("input", () => {
    const problem = nameProblem(nameInput.value);
    nameHint.textContent = problem ?? "";
    nameInput.setCustomValidity(problem ?? "");
    if (!problem) rememberName(nameInput.value);
    if (roomNameInput.dataset.edited !== "yes") roomNameInput.value = defaultRoomName(nameInput.value);
  });
  const error = el("p", { class: "error", id: "menu-error", role: "alert", text: message });
  const codeInput = el("input", { id: "join-code", placeholder: "Room code or link" });
  const passwordInput = el("input", { id: "join-password", type: "password", placeholder: "Password (if the room has one)", maxlength: "64", autocomplete: "off" });
  const roomList = el("div", { class: "rooms", id: "rooms" }, el("p", { class: "help", text: "Loading rooms…" }));
  const roomNameInput = el("input", { name: "roomName", maxlength: String(LIMITS.roomNameLength), value: defaultRoomName(initialName) });
  roomNameInput.addEventListener("input", () => { roomNameInput.dataset.edited = "yes"; });
  const hostForm = el("form", { id: "host-form", hidden: true },
    el("label", { class: "wide" }, "Room name", roomNameInput),
    numberField("Players per team", "playersPerTeam", MATCH_DEFAULTS.playersPerTeam, MATCH_LIMITS.playersPerTeam.min, MATCH_LIMITS.playersPerTeam.max),
    numberField("Score limit (0 = none)", "scoreLimit", MATCH_DEFAULTS.scoreLimit, MATCH_LIMITS.scoreLimit.min, MATCH_LIMITS.scoreLimit.max),
    numberField("Time limit, minutes (0 = none)", "timeLimitMinutes", MATCH_DEFAULTS.timeLimitSeconds / 60, 0, MATCH_LIMITS.timeLimitSeconds.max / 60),
    el("label", {}, "Password (optional)", el("input", { name: "password", type: "password", maxlength: "64", autocomplete: "off" })),
    el("label", { class: "inline wide" }, el("input", { name: "isPrivate", type: "checkbox" }), "Private: only people with the link can join"),
    el("button", { class: "primary wide", type: "submit", id: "create-room", text: "Create room" }),
  );
  const busy = (on: boolean) => root.querySelectorAll("button").forEach((b) => { b.disabled = on; });
  const run = async (work: () => Promise<void>) => {
    busy(true);
    error.textContent = "";
    try {
      await work();
    } catch (failure) {
      error.textContent = failure instanceof Error ? failure.message : String(failure);
      // The line sits under the room list: bring it into view, or a refusal looks like nothing happened.
      error.scrollIntoView({ block: "nearest" });
      busy(false);
    }
  };
  // Throws the name's problem, which run() shows, instead of joining under another name.
  const name = () => {
    const problem = nameProblem(nameInput.value);
    if (problem) throw new Error(problem);
    return rememberName(nameInput.value);
  };

  const quickButton = el("button", { class: "primary", id: "quick-play", text: "Quick play" });
  const hostButton = el("button", { id: "host-room", text: "Host a room" });
  const joinButton = el("button", { id: "join-room", text: "Join" });
  quickButton.addEventListener("click", () => void run(() => actions.quickPlay(name())));
  hostButton.addEventListener("click", () => { hostForm.hidden = !hostForm.hidden; });
  const password = () => passwordInput.value || undefined;
  joinButton.addEventListener("click", () => void run(() => actions.join(roomIdFromCode(codeInput.value), name(), false, password())));
  hostForm.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = nameProblem(nameInput.value) ?? "";
    if (error.textContent) return;
    const data = new FormData(hostForm);
    const password = String(data.get("password") ?? "");
    const options: CreateOptions = {
      name: name(),
      roomName: String(data.get("roomName") ?? "").trim() || `${name()}'s room`,
      playersPerTeam: Number(data.get("playersPerTeam")),
      scoreLimit: Number(data.get("scoreLimit")),
      timeLimitSeconds: Math.round(Number(data.get("timeLimitMinutes")) * 60),
      isPrivate: data.get("isPrivate") === "on",
      ...(password ? { password } : {}),
    };
    void run(() => actions.host(options));
  });

  const root = el("div", { class: "menu", id: "menu" },
    el("h1", {}, "Re", el("span", { text: "bound" })),
    el("p", { class: "tagline", text: "Real-time ball game for friends. One server, every input live over WebSockets." }),
    el("label", {}, "Your name", nameInput),
    nameHint,
    el("div", { class: "row" }, quickButton, hostButton),
    hostForm,
    el("div", { class: "row" }, codeInput, joinButton),
    el("div", { class: "row" }, passwordInput),
    el("h2", { text: "Rooms" }),
    roomList,
    error,
    el("p", { class: "help", id: "controls-help", text: isTouchScreen()
      ? "Move: drag the stick (bottom left) · Kick: hold KICK (bottom right) · Chat: tap the chat box"
      : "Move: WASD or arrows · Kick: Space or X · Chat: Enter · Network panel: N" }),
    el("p", { class: "help" }, el("a", { href: "/history", id: "menu-history", text: "Match history and replays" })),
  );
  overlay().append(root);
  if (performance.getEntriesByName("rebound:menu").length === 0) performance.mark("rebound:menu");
  const choose = (roomId: string, spectate: boolean, needsPassword: boolean) => {
    if (needsPassword && !passwordInput.value) {
      error.textContent = "This room has a password: type it in the password box, then press Play or Spectate again.";
      passwordInput.focus();
      return;
    }
    void run(() => actions.join(roomId, name(), spectate, password()));
  };
  return {
    close: () => root.remove(),
    setRooms: (rooms) => renderRoomList(roomList, rooms, choose),
  };
}
