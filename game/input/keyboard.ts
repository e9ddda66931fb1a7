// Reads the keyboard into an input intent: WASD/arrows to move, Space/X to kick.
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";

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

/** Tracks held keys from window events (the DOM chat input stops its own events, so typing never steers). */
export class KeyboardInput {
  private readonly held: HeldKeys = { left: false, right: false, up: false, down: false, kick: false };
  private readonly onDown = (event: KeyboardEvent) => this.set(event, true);
  private readonly onUp = (event: KeyboardEvent) => this.set(event, false);
  private readonly onBlur = () => { for (const key of Object.keys(this.held) as (keyof HeldKeys)[]) this.held[key] = false; };

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
