// The per-tick player input: its wire schema (sent on Colyseus's binary input channel) and its sanitising.
import { schema, t, type SchemaType } from "@colyseus/schema";

/** Full-scale value of one input axis: a stick or key pair maps to [-AXIS_MAX, AXIS_MAX]. */
export const AXIS_MAX = 127;

/** One fixed step of a player's intent. int8 axes keep each input to a few bytes on the wire. */
export const PlayerInput = schema({
  moveX: t.int8().default(0),
  moveY: t.int8().default(0),
  kick: t.boolean().default(false),
}, "PlayerInput");
export type PlayerInput = SchemaType<typeof PlayerInput>;

/** The fields the step reads, as a plain shape (tests and bots build these without a schema). */
export interface InputIntent {
  moveX: number;
  moveY: number;
  kick: boolean;
}

export const IDLE_INTENT: Readonly<InputIntent> = Object.freeze({ moveX: 0, moveY: 0, kick: false });

function clampAxis(value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return 0;
  return Math.max(-AXIS_MAX, Math.min(AXIS_MAX, Math.round(value)));
}

/**
 * Makes any input legal, in place: NaN/Infinity/non-numbers become 0, axes are clamped to
 * [-AXIS_MAX, AXIS_MAX] and the move vector is normalised so diagonals are no faster than straight
 * lines. Never rejects — a malformed value becomes a harmless one.
 */
export function sanitizeInput(input: InputIntent): InputIntent {
  let x = clampAxis(input.moveX);
  let y = clampAxis(input.moveY);
  const length = Math.hypot(x, y);
  if (length > AXIS_MAX) {
    x = Math.trunc((x * AXIS_MAX) / length);
    y = Math.trunc((y * AXIS_MAX) / length);
  }
  input.moveX = x;
  input.moveY = y;
  input.kick = input.kick === true;
  return input;
}
