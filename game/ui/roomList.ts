// The live room browser (DOM): name, players, spectators, state with score, lock; Play and Spectate buttons.
import type { ListedRoom } from "../net/lobby.ts";
import { el } from "./dom.ts";

export type RoomChoice = (roomId: string, spectate: boolean, needsPassword: boolean) => void;

function describeState(room: ListedRoom): string {
  const { phase, scoreRed, scoreBlue } = room.metadata;
  if (phase === "waiting") return "waiting";
  if (phase === "ended") return `ended ${scoreRed}:${scoreBlue}`;
  return `playing ${scoreRed}:${scoreBlue}`;
}

export function renderRoomList(container: HTMLElement, rooms: ListedRoom[], choose: RoomChoice): void {
  if (rooms.length === 0) {
    container.replaceChildren(el("p", { class: "help", text: "No public rooms right now — host one or press Quick play." }));
    return;
  }
  const rows = rooms.map((room) => {
    const meta = room.metadata;
    const full = meta.players >= meta.maxPlayers;
    const play = el("button", { class: "primary small", text: "Play", disabled: full || meta.locked, "data-room": room.roomId });
    const watch = el("button", { class: "small", text: "Spectate", disabled: meta.locked, "data-room": room.roomId });
    play.addEventListener("click", () => choose(room.roomId, false, meta.hasPassword));
    watch.addEventListener("click", () => choose(room.roomId, true, meta.hasPassword));
    return el("li", { class: "room-row" },
      el("span", { class: "room-title" }, meta.hasPassword || meta.locked ? el("img", { class: "lock", src: "/assets/lock.svg", alt: meta.locked ? "locked" : "password", title: meta.locked ? "locked" : "password required", width: "12", height: "14" }) : null, el("span", { text: meta.roomName })),
      el("span", { class: "room-meta", text: `${meta.players}/${meta.maxPlayers} · ${meta.spectators} watching · ${describeState(room)}` }),
      el("span", { class: "room-actions" }, play, watch,
        el("a", { class: "compare-link", href: `/compare/${encodeURIComponent(room.roomId)}`, title: "this match over WebSocket and over HTTP polling, side by side", text: "WS vs HTTP" })),
    );
  });
  container.replaceChildren(el("ul", { class: "room-list", id: "room-list" }, ...rows));
}
