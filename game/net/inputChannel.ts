// The reliable binary input channel: opened with the shared PlayerInput schema, one InputIntent written and sent per fixed step (browser and headless clients alike).
import type { InputHandle, Room } from "@colyseus/sdk";
import { PlayerInput, type InputIntent } from "../../shared/input.ts";

export type InputChannel = InputHandle<PlayerInput>;

/** The room's input channel (the SDK caches it per room: a second call returns the same handle).
 * Reliable, because the server's input credit and the reconciler's replay count every seq. */
export function openInputChannel(room: Room): InputChannel {
  return room.input<PlayerInput>({ type: PlayerInput, mode: "reliable" });
}

/** Stages one intent and sends it; returns its seq, or 0 when nothing left (connection closed). */
export function sendIntent(channel: InputChannel, intent: Readonly<InputIntent>): number {
  channel.data.moveX = intent.moveX;
  channel.data.moveY = intent.moveY;
  channel.data.kick = intent.kick;
  return channel.send();
}
