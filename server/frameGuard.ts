// Checks raw WebSocket frames before Colyseus decodes them, and closes sockets that send input frames the framework's decoder cannot survive.
//
// Written by hand because Colyseus 0.18.17 has no hook ahead of its own frame decoding, and two
// frames of a few bytes each freeze the whole process (every room on it), found by
// test/integration/hostile.test.ts:
//  1. ROOM_INPUT_UNRELIABLE whose redundancy ring declares a negative slot length, e.g. [20, 0xff, 0xff]:
//     InputDecoder.decodeAll steps its read offset backwards and never leaves its loop.
//  2. ROOM_INPUT_UNRELIABLE with the TIMED bit and a stamp count of 2^32−1: RoomInput.decodeUnreliable
//     allocates and fills an array of that length (10^8 slots already stalled the process ~30 s and
//     left it at 3 GB).
// Rebound's clients send inputs only on the reliable channel and its rooms never rewind, so a well-formed
// unreliable frame is accepted (walked here first, bounded), a stamped one is refused.
import { decode } from "@colyseus/schema";
import { Protocol, ProtocolModifier, WebSocketTransport, type TransportOptions } from "colyseus";
import { CLOSE } from "../shared/constants.ts";
import { DEFAULT_RATE_LIMITS, MessageRate, type RateLimits } from "./messageRate.ts";

/** The low five bits of a frame's first byte are its protocol code (Colyseus's PROTOCOL_CODE_MASK). */
const PROTOCOL_CODE_MASK = 0b11111;
/** More slots than any client keeps history for (the SDK's default historySize is 3). */
export const MAX_UNRELIABLE_SLOTS = 64;

/** Why `frame` must not reach the framework's decoder, or null when it may. */
export function malformedFrameReason(frame: Uint8Array): string | null {
  if (frame.length === 0) return null;
  // Rebound's protocol has no request/response messages (every ClientMessage is one-way), so a request
  // frame is an unknown message: same policy, that socket is closed. Without this the framework answered
  // each bad one with an error reply and a stack trace in the log, and kept the socket open.
  if ((frame[0] & PROTOCOL_CODE_MASK) === Protocol.ROOM_REQUEST) return "request frames are not part of this protocol";
  if ((frame[0] & PROTOCOL_CODE_MASK) !== Protocol.ROOM_INPUT_UNRELIABLE) return null;
  if (frame[0] & ProtocolModifier.TIMED) return "stamped input: this server does not rewind";
  const it = { offset: 1 };
  const baseSeq: unknown = decode.number(frame, it);
  if (typeof baseSeq !== "number" || !Number.isFinite(baseSeq)) return "input ring without a sequence";
  let slots = 0;
  while (it.offset < frame.length) {
    const length: unknown = decode.number(frame, it);
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || it.offset + length > frame.length) {
      return "input ring slot of impossible length";
    }
    it.offset += length;
    if (++slots > MAX_UNRELIABLE_SLOTS) return "input ring with too many slots";
  }
  return null;
}

/** The part of a ws socket the guard touches (kept structural so no transport types leak here). */
interface GuardedSocket {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  close(code?: number, reason?: string): void;
  once(event: "close", listener: () => void): unknown;
}

/** Wraps one socket's `emit` so a malformed frame closes it (CLOSE.badInput) instead of reaching any
 * listener, and every frame passes the socket's message rate (server/messageRate.ts) first. */
export function guardSocket(socket: GuardedSocket, limits: RateLimits = DEFAULT_RATE_LIMITS): void {
  const emit = socket.emit;
  let closing = false;
  const closeWith = (code: number, reason: string): void => {
    closing = true;
    rate.stop();
    socket.close(code, reason);
  };
  const rate = new MessageRate<unknown[]>(
    limits,
    (args) => { if (!closing) emit.call(socket, "message", ...args); },
    () => closeWith(CLOSE.tooFast, "sending too fast"),
  );
  socket.once("close", () => rate.stop());
  socket.emit = function guardedEmit(this: GuardedSocket, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "message" && args[0] instanceof Uint8Array) {
      if (closing) return false;
      const reason = malformedFrameReason(args[0]);
      if (reason) {
        closeWith(CLOSE.badInput, reason);
        return false;
      }
      rate.admit(args, args[0].byteLength);
      return true;
    }
    return emit.call(this, event, ...args);
  };
}

/** The ws transport with every connection guarded before Colyseus attaches its own listeners. */
export class GuardedWebSocketTransport extends WebSocketTransport {
  constructor(options: TransportOptions = {}) {
    super(options);
    this.wss.prependListener("connection", (socket) => guardSocket(socket));
  }
}
