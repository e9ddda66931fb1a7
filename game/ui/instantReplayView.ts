// The instant replay over the pitch after a goal: the run-up re-simulated by the shared sim from the file the room sent,
// played once at normal speed, skippable, and gone when the kickoff is played.
import { readReplay } from "../../shared/replay/replayFile.ts";
import { ReplayRun } from "../../shared/replay/replayRun.ts";
import { ReplayCanvas } from "../replay/replayCanvas.ts";
import { el, overlay } from "./dom.ts";

/** The last frame stays up this long before the panel closes by itself. */
const HOLD_MS = 600;

export class InstantReplayView {
  private readonly root: HTMLElement;
  private readonly canvas = new ReplayCanvas();
  private run: ReplayRun | null = null;
  private startedAt = 0;
  private frame = 0;
  /** Replays shown and skipped on this page (read by the debug hook). */
  shown = 0;
  skipped = 0;

  constructor() {
    const skip = el("button", { type: "button", class: "small", id: "instant-replay-skip", text: "Skip" });
    skip.addEventListener("click", () => {
      this.skipped += 1;
      this.close();
    });
    this.root = el("div", { class: "instant-replay", id: "instant-replay", hidden: true, role: "region", "aria-label": "instant replay" },
      el("div", { class: "instant-replay-head" }, el("strong", { text: "Instant replay" }), skip),
      this.canvas.canvas);
    overlay().append(this.root);
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  /** A replay file from the room: shown unless it cannot be read (then nothing is shown; the match goes on). */
  show(bytes: Uint8Array): void {
    try {
      this.run = new ReplayRun(readReplay(bytes));
    } catch {
      return;
    }
    this.shown += 1;
    this.placeOverPitch();
    this.root.hidden = false;
    this.startedAt = performance.now();
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(this.tick);
  }

  /** Called every game frame with the live phase: the kickoff being played closes the replay. */
  update(phase: string): void {
    if (this.visible && phase === "playing") this.close();
  }

  /** Over the middle of the game canvas (not the page: the HUD's side panel stays usable), three quarters of its width. */
  private placeOverPitch(): void {
    const pitch = document.querySelector("#game-root canvas")?.getBoundingClientRect();
    if (!pitch || pitch.width === 0) return;
    this.root.style.left = `${pitch.left + pitch.width / 2}px`;
    this.root.style.top = `${pitch.top + pitch.height / 2}px`;
    this.root.style.width = `${Math.round(pitch.width * 0.75)}px`;
  }

  close(): void {
    this.root.hidden = true;
    this.run = null;
    cancelAnimationFrame(this.frame);
  }

  destroy(): void {
    this.close();
    this.root.remove();
  }

  private readonly tick = (now: number): void => {
    const run = this.run;
    if (!run) return;
    const elapsed = now - this.startedAt;
    run.seek(Math.floor((elapsed / 1000) * run.data.header.tickHz));
    this.canvas.draw(run.sim, null);
    if (run.step >= run.totalSteps && elapsed > (run.totalSteps / run.data.header.tickHz) * 1000 + HOLD_MS) {
      this.close();
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  };
}
