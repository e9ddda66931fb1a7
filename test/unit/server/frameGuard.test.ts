// Unit test: the raw-frame guard passes every frame a real client sends and refuses the input frames that froze the server.
import { InputEncoder } from "@colyseus/schema/input";
import { Protocol } from "colyseus";
import { describe, expect, it } from "vitest";
import { MAX_UNRELIABLE_SLOTS, malformedFrameReason } from "../../../server/frameGuard.ts";
import { PlayerInput } from "../../../shared/input.ts";

const frame = (...bytes: number[]): Uint8Array => new Uint8Array(bytes);

/** What the SDK puts on the wire for `room.input({ mode })`: the opcode, then the encoder's bytes. */
function encoded(mode: "reliable" | "unreliable", sends: number): Uint8Array[] {
  const input = new PlayerInput();
  const encoder = new InputEncoder(input, { mode, historySize: 4 });
  const opcode = mode === "reliable" ? Protocol.ROOM_INPUT_RELIABLE : Protocol.ROOM_INPUT_UNRELIABLE;
  const frames: Uint8Array[] = [];
  for (let i = 0; i < sends; i++) {
    input.moveX = (i * 37) % 255 - 127;
    input.moveY = i % 2 === 0 ? 127 : -127;
    input.kick = i % 3 === 0;
    frames.push(new Uint8Array([opcode, ...encoder.encode()]));
  }
  return frames;
}

describe("malformedFrameReason", () => {
  it("passes real input frames on both channels, and every other protocol message", () => {
    for (const ok of [...encoded("reliable", 10), ...encoded("unreliable", 10)]) expect(malformedFrameReason(ok)).toBeNull();
    expect(malformedFrameReason(frame(Protocol.ROOM_DATA, 0xa4, 0x63, 0x68, 0x61, 0x74, 0x80))).toBeNull();
    expect(malformedFrameReason(frame(Protocol.PING))).toBeNull();
    expect(malformedFrameReason(frame())).toBeNull();
  });

  it("refuses request frames: the protocol has none, so each is an unknown message", () => {
    expect(malformedFrameReason(frame(Protocol.ROOM_REQUEST, 1, 0xa4, 0x63, 0x68, 0x61, 0x74, 0x80))).toMatch(/request frames/);
  });

  it("refuses an unreliable ring whose slot length is negative, past the end, or not a number", () => {
    expect(malformedFrameReason(frame(Protocol.ROOM_INPUT_UNRELIABLE, 0xff, 0xff, 0xff))).toMatch(/impossible length/);
    expect(malformedFrameReason(frame(Protocol.ROOM_INPUT_UNRELIABLE, 1, 9, 0x80))).toMatch(/impossible length/);
    expect(malformedFrameReason(frame(Protocol.ROOM_INPUT_UNRELIABLE, 1, 0xc1))).toMatch(/impossible length/);
    expect(malformedFrameReason(frame(Protocol.ROOM_INPUT_UNRELIABLE, 0xc1))).toMatch(/sequence/);
  });

  it("refuses stamped unreliable input and rings with more slots than any client keeps", () => {
    expect(malformedFrameReason(frame(Protocol.ROOM_INPUT_UNRELIABLE | 0x80, 0xce, 0xff, 0xff, 0xff, 0xff))).toMatch(/stamped/);
    expect(malformedFrameReason(frame(Protocol.ROOM_INPUT_UNRELIABLE, 1, ...new Array(MAX_UNRELIABLE_SLOTS + 1).fill(0)))).toMatch(/too many/);
    expect(malformedFrameReason(frame(Protocol.ROOM_INPUT_UNRELIABLE, 1, ...new Array(MAX_UNRELIABLE_SLOTS).fill(0)))).toBeNull();
  });
});
