// Touch controls (DOM): a virtual stick on the left and a kick button on the right, shown on touch screens only.
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";
import { el, overlay } from "../ui/dom.ts";

const STICK_RADIUS = 56;

export function isTouchScreen(): boolean {
  return window.matchMedia("(pointer: coarse)").matches || "ontouchstart" in window;
}

export class TouchControls {
  private readonly root: HTMLElement;
  private readonly knob: HTMLElement;
  private stickPointer: number | null = null;
  private origin = { x: 0, y: 0 };
  private move = { x: 0, y: 0 };
  private kick = false;

  constructor() {
    this.knob = el("div", { class: "stick-knob" });
    const stick = el("div", { class: "stick", id: "touch-stick" }, this.knob);
    const kickButton = el("div", { class: "kick-button", id: "touch-kick", text: "KICK" });
    this.root = el("div", { class: "touch-controls" }, stick, kickButton);
    stick.addEventListener("pointerdown", (event) => {
      this.stickPointer = event.pointerId;
      const rect = stick.getBoundingClientRect();
      this.origin = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      stick.setPointerCapture(event.pointerId);
      this.track(event);
    });
    stick.addEventListener("pointermove", (event) => { if (event.pointerId === this.stickPointer) this.track(event); });
    const release = (event: PointerEvent) => {
      if (event.pointerId !== this.stickPointer) return;
      this.stickPointer = null;
      this.move = { x: 0, y: 0 };
      this.knob.style.transform = "";
    };
    stick.addEventListener("pointerup", release);
    stick.addEventListener("pointercancel", release);
    kickButton.addEventListener("pointerdown", (event) => { event.preventDefault(); this.kick = true; kickButton.classList.add("held"); });
    const unkick = () => { this.kick = false; kickButton.classList.remove("held"); };
    kickButton.addEventListener("pointerup", unkick);
    kickButton.addEventListener("pointercancel", unkick);
    kickButton.addEventListener("pointerleave", unkick);
    overlay().append(this.root);
    document.body.classList.add("touch");
  }

  private track(event: PointerEvent): void {
    let dx = event.clientX - this.origin.x;
    let dy = event.clientY - this.origin.y;
    const length = Math.hypot(dx, dy);
    if (length > STICK_RADIUS) {
      dx = (dx / length) * STICK_RADIUS;
      dy = (dy / length) * STICK_RADIUS;
    }
    this.move = { x: dx / STICK_RADIUS, y: dy / STICK_RADIUS };
    this.knob.style.transform = `translate(${dx}px, ${dy}px)`;
  }

  /** The current intent, or null when the screen is not being touched (so the keyboard can speak). */
  intent(): InputIntent | null {
    if (this.stickPointer === null && !this.kick) return null;
    return { moveX: Math.trunc(this.move.x * AXIS_MAX), moveY: Math.trunc(this.move.y * AXIS_MAX), kick: this.kick };
  }

  /** Spectators have nothing to steer: the stick and kick button are hidden (their grid cells stay, so the pitch does not jump). */
  setPlaying(playing: boolean): void {
    if (this.root.classList.contains("watching") === !playing) return;
    this.root.classList.toggle("watching", !playing);
    if (!playing) {
      this.stickPointer = null;
      this.move = { x: 0, y: 0 };
      this.kick = false;
      this.knob.style.transform = "";
    }
  }

  destroy(): void {
    document.body.classList.remove("touch");
    this.root.remove();
  }
}
