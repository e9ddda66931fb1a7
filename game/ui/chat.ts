// The chat panel (DOM): lines from players, spectators and the server, always inserted as text.
import { LIMITS } from "../../shared/constants.ts";
import { isTouchScreen } from "../input/touch.ts";
import type { ChatLine } from "../../shared/protocol.ts";
import { chatLineText } from "./wording.ts";
import { el } from "./dom.ts";
import { TEAM_MARK } from "./teamMark.ts";

const MAX_LINES = 80;

export class ChatPanel {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly input: HTMLInputElement;

  constructor(send: (text: string) => void) {
    this.list = el("ol", { id: "chat-lines", "aria-live": "polite" });
    this.input = el("input", { id: "chat-input", maxlength: String(LIMITS.chatLength), placeholder: isTouchScreen() ? "Tap to chat" : "Press Enter to chat", autocomplete: "off" });
    this.input.addEventListener("keydown", (event) => {
      event.stopPropagation(); // typing must not steer the player
      if (event.key === "Enter") {
        const text = this.input.value.trim();
        if (text) send(text);
        this.input.value = "";
        this.input.blur();
      } else if (event.key === "Escape") {
        this.input.blur();
      }
    });
    this.input.addEventListener("keyup", (event) => event.stopPropagation());
    this.root = el("div", { class: "chat", id: "chat" }, this.list, this.input);
  }

  focus(): void {
    this.input.focus();
  }

  get typing(): boolean {
    return document.activeElement === this.input;
  }

  add(line: ChatLine): void {
    // A system line that repeats the one before it only counts up (×2, ×3…) instead of filling the chat.
    const previous = this.list.lastElementChild;
    const text = chatLineText(line);
    if (line.system && previous instanceof HTMLElement && previous.classList.contains("system") && previous.dataset.text === text) {
      const count = Number(previous.dataset.count ?? "1") + 1;
      previous.dataset.count = String(count);
      previous.querySelector(".repeat")?.remove();
      previous.append(el("span", { class: "repeat", text: ` ×${count}` }));
      this.list.scrollTop = this.list.scrollHeight;
      return;
    }
    const item = line.system
      ? el("li", { class: "system", "data-text": text, text })
      : el("li", {}, el("span", { class: `mark ${line.team}`, text: TEAM_MARK[line.team] ?? "" }), el("span", { class: `from ${line.team}`, text: line.from }), ": ", el("span", { class: "text", text: line.text }));
    this.list.append(item);
    while (this.list.children.length > MAX_LINES) this.list.firstElementChild?.remove();
    this.list.scrollTop = this.list.scrollHeight;
  }
}
