// The host's controls (DOM): bots, lock, match settings between matches. The server enforces every one of them.
import { MATCH_LIMITS } from "../../shared/constants.ts";
import type { SettingsPayload } from "../../shared/protocol.ts";
import type { MatchState, PlayingTeam } from "../../shared/state.ts";
import { el, setText } from "./dom.ts";
import { isMatchRunning } from "../../shared/match/phase.ts";

export interface HostPanelActions {
  addBot(team: PlayingTeam): void;
  removeBot(): void;
  lock(locked: boolean): void;
  updateSettings(settings: SettingsPayload): void;
}

export class HostPanel {
  readonly root: HTMLElement;
  private readonly lockButton = el("button", { class: "small", id: "lock-room", text: "Lock room" });
  private readonly settingsForm: HTMLFormElement;
  private locked = false;

  constructor(actions: HostPanelActions) {
    const addRed = el("button", { class: "small red", id: "add-bot-red", text: "+ bot red" });
    const addBlue = el("button", { class: "small blue", id: "add-bot-blue", text: "+ bot blue" });
    const removeBot = el("button", { class: "small", id: "remove-bot", text: "− bot" });
    addRed.addEventListener("click", () => actions.addBot("red"));
    addBlue.addEventListener("click", () => actions.addBot("blue"));
    removeBot.addEventListener("click", () => actions.removeBot());
    this.lockButton.addEventListener("click", () => actions.lock(!this.locked));
    const field = (label: string, name: string, min: number, max: number) =>
      el("label", { class: "inline" }, label, el("input", { name, type: "number", min: String(min), max: String(max), class: "tiny" }));
    this.settingsForm = el("form", { class: "settings", id: "settings-form" },
      field("Per team", "playersPerTeam", MATCH_LIMITS.playersPerTeam.min, MATCH_LIMITS.playersPerTeam.max),
      field("Score limit", "scoreLimit", MATCH_LIMITS.scoreLimit.min, MATCH_LIMITS.scoreLimit.max),
      field("Minutes", "minutes", 0, MATCH_LIMITS.timeLimitSeconds.max / 60),
      el("button", { class: "small", type: "submit", text: "Apply" }),
    );
    this.settingsForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(this.settingsForm);
      actions.updateSettings({
        playersPerTeam: Number(data.get("playersPerTeam")),
        scoreLimit: Number(data.get("scoreLimit")),
        timeLimitSeconds: Math.round(Number(data.get("minutes")) * 60),
      });
    });
    // Typing in the settings must not steer the player.
    this.settingsForm.addEventListener("keydown", (event) => event.stopPropagation());
    this.root = el("div", { class: "card host-panel", id: "host-panel" },
      el("div", { class: "help", text: "Host controls" }),
      el("div", { class: "actions" }, addRed, addBlue, removeBot, this.lockButton),
      this.settingsForm,
    );
  }

  update(state: MatchState, isHost: boolean): void {
    this.root.hidden = !isHost;
    if (!isHost) return;
    this.locked = state.settings.locked;
    setText(this.lockButton, this.locked ? "Unlock room" : "Lock room");
    const running = isMatchRunning(state.phase);
    this.settingsForm.hidden = running;
    if (running || this.settingsForm.contains(document.activeElement)) return;
    const set = (name: string, value: number) => {
      const input = this.settingsForm.elements.namedItem(name);
      if (input instanceof HTMLInputElement && input.value !== String(value)) input.value = String(value);
    };
    set("playersPerTeam", state.settings.playersPerTeam);
    set("scoreLimit", state.settings.scoreLimit);
    set("minutes", Math.round(state.settings.timeLimitSeconds / 60));
  }
}
