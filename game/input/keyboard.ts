// Reads the keyboard into an input intent: WASD/arrows to move, Space/X to kick.
import { AXIS_MAX, IDLE_INTENT, type InputIntent } from "../../shared/input.ts";

export interface HeldKeys {
  left: boolean;
  right: boolean;
  up: boolean;
  down: boolean;
  kick: boolean;
}

/** Pure mapping from held keys to the intent the step consumes. */
export function intentFromKeys(keys: HeldKeys): InputIntent {
  const x = (keys.right ? 1 : 0) - (keys.left ? 1 : 0);
  const y = (keys.down ? 1 : 0) - (keys.up ? 1 : 0);
  const scale = x !== 0 && y !== 0 ? Math.SQRT1_2 : 1;
  return { moveX: Math.trunc(x * AXIS_MAX * scale), moveY: Math.trunc(y * AXIS_MAX * scale), kick: keys.kick };
}

const KEY_BINDINGS: Record<string, keyof HeldKeys> = {
  KeyA: "left", ArrowLeft: "left",
  KeyD: "right", ArrowRight: "right",
  KeyW: "up", ArrowUp: "up",
  KeyS: "down", ArrowDown: "down",
  Space: "kick", KeyX: "kick",
};

/** Key changes older than this (ms) are forgotten; a frame never spans more (see MAX_STEPS_PER_FRAME). */
const HISTORY_MS = 2000;

/**
 * Tracks held keys from window events (the DOM chat input stops its own events, so typing never steers).
 * Each change is kept with its event time, so `intentAt(t)` answers what was held at any moment of the
 * last frame: at 10 fps a key pressed mid-frame moves the player from that moment, as at 60 fps.
 */
export class KeyboardInput {
  private readonly held: HeldKeys = { left: false, right: false, up: false, down: false, kick: false };
  /** The intent after each key change, oldest first, stamped with the event's time. */
  private readonly changes: { at: number; intent: InputIntent }[] = [];
  private readonly onDown = (event: KeyboardEvent) => this.set(event, true);
  private readonly onUp = (event: KeyboardEvent) => this.set(event, false);
  private readonly onBlur = () => {
    for (const key of Object.keys(this.held) as (keyof HeldKeys)[]) this.held[key] = false;
    this.record(performance.now());
  };

  constructor() {
    window.addEventListener("keydown", this.onDown);
    window.addEventListener("keyup", this.onUp);
    window.addEventListener("blur", this.onBlur);
  }

  private set(event: KeyboardEvent, down: boolean): void {
    const binding = KEY_BINDINGS[event.code];
    if (!binding) return;
    this.held[binding] = down;
    event.preventDefault();
    this.record(event.timeStamp);
  }

  private record(at: number): void {
    // A late-delivered event may carry an older stamp than one already kept: keep the list ordered.
    const stamp = Math.max(at, this.changes.at(-1)?.at ?? Number.NEGATIVE_INFINITY);
    this.changes.push({ at: stamp, intent: intentFromKeys(this.held) });
    while (this.changes.length > 1 && this.changes[1].at < stamp - HISTORY_MS) this.changes.shift();
  }

  /** What was held at `timeMs` (performance.now() time). */
  intentAt(timeMs: number): InputIntent {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      if (this.changes[i].at <= timeMs) return this.changes[i].intent;
    }
    // Before every kept change: the state before the first one is unknown, so idle.
    return this.changes.length > 0 ? IDLE_INTENT : intentFromKeys(this.held);
  }

  intent(): InputIntent {
    return intentFromKeys(this.held);
  }

  destroy(): void {
    window.removeEventListener("keydown", this.onDown);
    window.removeEventListener("keyup", this.onUp);
    window.removeEventListener("blur", this.onBlur);
  }
}
