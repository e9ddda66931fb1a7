// The match HUD (DOM): score and clock, phase banners, roster with host crown, ping, share link, actions, chat.
import { TICK_HZ } from "../../shared/constants.ts";
import type { MatchState, Player, Team } from "../../shared/state.ts";
import { sounds } from "../audio/sounds.ts";
import { ChatPanel } from "./chat.ts";
import { clockText } from "./clockText.ts";
import { el, overlay, setText } from "./dom.ts";
import { HostPanel, type HostPanelActions } from "./hostPanel.ts";
import { TEAM_MARK } from "./teamMark.ts";
import { askRename, rosterButtons, type RosterActions } from "./rosterActions.ts";
import { isMatchRunning } from "../../shared/match/phase.ts";
import { teamFull } from "../../shared/match/teams.ts";

export interface HudActions extends HostPanelActions, RosterActions {
  chat(text: string): void;
  setTeam(team: Team): void;
  start(): void;
  stop(): void;
  leave(): void;
}

export interface HudView {
  state: MatchState;
  sessionId: string;
  roomId: string;
  pingMs: number;
  reconnecting: boolean;
}

export class Hud {
  readonly chat: ChatPanel;
  private readonly root: HTMLElement;
  private readonly scoreRed = el("span", { class: "score-red", id: "score-red", text: "0" });
  private readonly scoreBlue = el("span", { class: "score-blue", id: "score-blue", text: "0" });
  private readonly clock = el("span", { class: "clock", id: "clock", text: "0:00" });
  private readonly roomName = el("span", { class: "room-name", id: "room-name" });
  private readonly banner = el("div", { class: "banner", id: "banner", hidden: true });
  private readonly roster = el("div", { class: "card roster", id: "roster" });
  private readonly ping = el("div", { class: "card ping", id: "ping", text: "ping — ms" });
  private readonly status = el("div", { class: "status", id: "status", hidden: true, text: "Reconnecting…" });
  private readonly toast = el("div", { class: "toast", id: "toast", hidden: true });
  private readonly startButton = el("button", { class: "primary", id: "start-match", text: "Start match" });
  private readonly stopButton = el("button", { id: "stop-match", text: "Stop" });
  private readonly redButton = el("button", { class: "red", id: "join-red", text: "Join red" });
  private readonly blueButton = el("button", { class: "blue", id: "join-blue", text: "Join blue" });
  private readonly spectateButton = el("button", { id: "spectate", text: "Spectate" });
  private readonly shareInput = el("input", { id: "share-link", readonly: true });
  private readonly replayLink = el("a", { id: "watch-replay", target: "_blank", rel: "noopener", text: "Watch the replay", hidden: true });
  private readonly historyLink = el("a", { id: "room-history", target: "_blank", rel: "noopener", text: "Past matches here" });
  private readonly muteButton = el("button", { class: "small", id: "mute", type: "button" });
  private readonly unsubscribeMute: () => void;
  private readonly hostPanel: HostPanel;
  private readonly actions: HudActions;
  private rosterKey = "";
  private myName = "";
  private toastTimer = 0;

  constructor(actions: HudActions) {
    this.actions = actions;
    this.hostPanel = new HostPanel(actions);
    this.chat = new ChatPanel((text) => actions.chat(text));
    const copyButton = el("button", { id: "copy-link", text: "Copy link" });
    copyButton.addEventListener("click", () => {
      this.shareInput.select();
      void navigator.clipboard?.writeText(this.shareInput.value).then(() => this.showToast("Link copied"), () => undefined);
    });
    const leaveButton = el("button", { id: "leave", text: "Leave" });
    const renameButton = el("button", { id: "rename", text: "Rename" });
    renameButton.addEventListener("click", () => askRename(actions, this.myName));
    leaveButton.addEventListener("click", () => actions.leave());
    this.startButton.addEventListener("click", () => actions.start());
    this.stopButton.addEventListener("click", () => actions.stop());
    this.redButton.addEventListener("click", () => actions.setTeam("red"));
    this.blueButton.addEventListener("click", () => actions.setTeam("blue"));
    this.spectateButton.addEventListener("click", () => actions.setTeam("spectator"));
    const showMute = (muted: boolean) => {
      setText(this.muteButton, muted ? "Sound: off" : "Sound: on");
      this.muteButton.setAttribute("aria-pressed", String(muted));
    };
    showMute(sounds.muted);
    this.unsubscribeMute = sounds.onMuteChange(showMute);
    this.muteButton.addEventListener("click", () => {
      sounds.setMuted(!sounds.muted);
      sounds.unlock();
    });
    // The page's layout puts these blocks around the pitch (see style.css): head above, side column, chat below.
    this.root = el("div", { id: "hud" },
      el("div", { class: "hud-head" },
        el("div", { class: "hud-top" },
          el("span", { class: "mark red", text: TEAM_MARK.red }), this.scoreRed,
          el("div", { class: "clock-box" }, this.clock, this.roomName),
          this.scoreBlue, el("span", { class: "mark blue", text: TEAM_MARK.blue })),
        this.banner,
        this.status,
        this.toast,
      ),
      el("p", { class: "rotate-hint", id: "rotate-hint", text: "Turn your phone sideways for a bigger pitch" }),
      el("div", { class: "hud-side", id: "hud-side" },
        el("div", { class: "hud-bar" }, this.ping, this.muteButton),
        el("div", { class: "actions" }, this.startButton, this.stopButton, this.redButton, this.blueButton, this.spectateButton, renameButton, leaveButton),
        this.roster,
        el("div", { class: "card share" }, this.shareInput, copyButton),
        el("div", { class: "card replays" }, this.replayLink, this.historyLink),
        this.hostPanel.root,
        el("div", { class: "net-dock-slot", id: "net-dock-slot" }),
      ),
      this.chat.root,
    );
    overlay().append(this.root);
    document.body.classList.add("in-match");
    // Audio may only start after a gesture in the page.
    window.addEventListener("pointerdown", this.unlockAudio);
    window.addEventListener("keydown", this.unlockAudio);
  }

  private readonly unlockAudio = (): void => sounds.unlock();

  showToast(text: string): void {
    this.toast.textContent = text;
    this.toast.hidden = false;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => { this.toast.hidden = true; }, 3000);
  }

  update(view: HudView): void {
    const { state } = view;
    setText(this.scoreRed, String(state.scoreRed));
    setText(this.scoreBlue, String(state.scoreBlue));
    setText(this.roomName, state.settings.roomName);
    setText(this.clock, clockText(state, state.settings));
    this.updateBanner(state);
    this.updateRoster(view);
    setText(this.ping, `ping ${Math.round(view.pingMs)} ms`);
    this.status.hidden = !view.reconnecting;
    const link = `${location.origin}/r/${view.roomId}`;
    if (this.shareInput.value !== link) this.shareInput.value = link;
    this.updateReplayLinks(view);
    const me = state.players.get(view.sessionId);
    this.myName = me?.name ?? "";
    const isHost = state.hostId === view.sessionId;
    const running = isMatchRunning(state.phase);
    this.startButton.hidden = !isHost || running;
    setText(this.startButton, state.phase === "ended" ? "Rematch" : "Start match");
    this.stopButton.hidden = !isHost || !running;
    const cap = state.settings.playersPerTeam;
    // A spectator (or a player) only sees "Join" for a team with a free slot.
    this.redButton.hidden = me?.team === "red" || teamFull(state.players, "red", cap);
    this.blueButton.hidden = me?.team === "blue" || teamFull(state.players, "blue", cap);
    this.spectateButton.hidden = me?.team === "spectator";
    this.hostPanel.update(state, isHost);
  }

  /** The last match's replay once it is over (between matches), and this room's history. */
  private updateReplayLinks(view: HudView): void {
    const { replayId, phase } = view.state;
    const href = replayId ? `/replay/${encodeURIComponent(replayId)}` : "";
    if (this.replayLink.getAttribute("href") !== href) this.replayLink.setAttribute("href", href);
    this.replayLink.hidden = !replayId || isMatchRunning(phase);
    const history = `/history?room=${encodeURIComponent(view.roomId)}`;
    if (this.historyLink.getAttribute("href") !== history) this.historyLink.setAttribute("href", history);
  }

  private updateBanner(state: MatchState): void {
    let text = "";
    let detail = "";
    let colour = "";
    if (state.phase === "countdown") {
      text = String(Math.max(1, Math.ceil(state.phaseTicks / TICK_HZ)));
    } else if (state.phase === "goal") {
      text = "GOAL!";
      detail = state.lastScorerName ? `${state.lastScorerName} scores for ${state.lastGoalTeam}` : `${state.lastGoalTeam} scores`;
      colour = state.lastGoalTeam === "red" ? "var(--red)" : "var(--blue)";
    } else if (state.phase === "ended") {
      text = state.winner === "draw" ? "Draw" : `${state.winner.toUpperCase()} WINS`;
      const scorers: string[] = [];
      state.players.forEach((player) => { if (player.goals > 0) scorers.push(`${player.name} ${player.goals}`); });
      detail = `${state.scoreRed} : ${state.scoreBlue}${scorers.length ? ` — goals: ${scorers.join(", ")}` : ""}`;
      colour = state.winner === "red" ? "var(--red)" : state.winner === "blue" ? "var(--blue)" : "";
    }
    const key = `${text}|${detail}`;
    if (this.banner.dataset.key === key) return;
    this.banner.dataset.key = key;
    this.banner.replaceChildren(text, detail ? el("small", { text: detail }) : "");
    this.banner.hidden = text === "";
    this.banner.style.color = colour;
  }

  private updateRoster(view: HudView): void {
    const { state } = view;
    const entries: { id: string; player: Player }[] = [];
    state.players.forEach((player, id) => entries.push({ id, player }));
    const isHost = state.hostId === view.sessionId;
    const key = `${isHost}|` + entries.map(({ id, player }) => `${id}:${player.name}:${player.team}:${player.connected}:${state.hostId === id}:${player.chatMuted}:${this.actions.isMutedForMe(id)}`).join("|");
    if (key === this.rosterKey) return;
    this.rosterKey = key;
    const section = (team: Team, title: string) => {
      const list = el("ul");
      for (const { id, player } of entries) {
        if (player.team !== team) continue;
        list.append(el("li", { class: id === view.sessionId ? "me" : "" },
          state.hostId === id ? el("img", { src: "/assets/crown.svg", alt: "host", title: "host", width: "18", height: "12" }) : null,
          team === "spectator" ? null : el("span", { class: `mark ${team}`, text: TEAM_MARK[team] }),
          el("span", { class: "name", text: player.name }),
          id === view.sessionId ? el("span", { class: "you", text: "(you)" }) : null,
          player.isBot ? el("span", { class: "away", text: "bot" }) : null,
          player.connected ? null : el("span", { class: "away", text: "reconnecting…" }),
          player.chatMuted ? el("span", { class: "away", text: "muted" }) : null,
          id !== view.sessionId ? rosterButtons(this.actions, id, player, isHost, () => { this.rosterKey = ""; }) : null,
        ));
      }
      return el("div", { class: team === "spectator" ? "spectators" : team }, el("h3", { text: `${TEAM_MARK[team]} ${title}`.trim() }), list);
    };
    this.roster.replaceChildren(section("red", "Red"), section("blue", "Blue"), section("spectator", "Spectators"));
  }

  destroy(): void {
    this.unsubscribeMute();
    window.removeEventListener("pointerdown", this.unlockAudio);
    window.removeEventListener("keydown", this.unlockAudio);
    document.body.classList.remove("in-match");
    this.root.remove();
  }
}
