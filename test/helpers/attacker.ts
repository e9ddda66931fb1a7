// Test helper: hostile clients for a live match (raw random bytes, wrong types, oversize and unknown messages, bad inputs, floods, forged host actions, decoder bombs), with a tally of what each attack sent and how the server answered.
import { Client } from "@colyseus/sdk";
import { Protocol } from "colyseus";
import { LIMITS } from "../../shared/constants.ts";
import { AXIS_MAX, PlayerInput } from "../../shared/input.ts";
import { ClientMessage, type JoinOptions } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import type { MatchRoomClient } from "./server.ts";
import { mulberry32, randomInt } from "./prng.ts";
import { sleep } from "./server.ts";

/** Frames one attacker sends per second: under the room's maxMessagesPerSecond, so each frame is
 * judged on its content, not thrown out by the rate cap (the flood attack is the exception). */
const PACED_FRAMES_PER_SECOND = 100;
/** Round trips an attacker waits after its last frame to see whether the server closes it. */
const SETTLE_PINGS = 2;
/** Generous bound on one such round trip (a loaded machine), not an expected time. */
const SETTLE_TIMEOUT_MS = 20_000;

export interface AttackTally {
  attack: string;
  /** Attacker connections used (most attacks get one thrown out per session). */
  sessions: number;
  frames: number;
  /** How sessions ended: "closed <code>", "open (frames dropped)" or "join refused (<status>)". */
  outcomes: Map<string, number>;
}

type AttackBody = (room: MatchRoomClient, random: () => number) => Promise<number>;

function bytes(...parts: (number | string | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === "number") out.push(part);
    else if (typeof part === "string") out.push(...new TextEncoder().encode(part));
    else out.push(...part);
  }
  return new Uint8Array(out);
}

/** A msgpack fixstr (strings under 32 bytes), as Colyseus encodes message types. */
function fixstr(text: string): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  return bytes(0xa0 | encoded.length, encoded);
}

/** Hand-made frames aimed at the framework's decoders. Before the fixes listed in server/frameGuard.ts and
 * MatchRoom's "*" handler, the two unreliable-input frames froze this server and the "*" one crashed it. */
export const DECODER_BOMBS: readonly { what: string; frame: Uint8Array }[] = [
  { what: "chat with a msgpack array32 of 2^32-1 items", frame: bytes(Protocol.ROOM_DATA, fixstr("chat"), 0xdd, 0xff, 0xff, 0xff, 0xff) },
  { what: "chat with a msgpack map32 of 2^32-1 entries", frame: bytes(Protocol.ROOM_DATA, fixstr("chat"), 0xdf, 0xff, 0xff, 0xff, 0xff) },
  { what: "chat with a msgpack str32 of 2^32-1 bytes", frame: bytes(Protocol.ROOM_DATA, fixstr("chat"), 0xdb, 0xff, 0xff, 0xff, 0xff) },
  { what: "chat nested 4000 arrays deep", frame: bytes(Protocol.ROOM_DATA, fixstr("chat"), new Uint8Array(4000).fill(0x91), 0xc0) },
  { what: "message type declared 2 GB long", frame: bytes(Protocol.ROOM_DATA, 0xdb, 0xff, 0xff, 0xff, 0x7f) },
  { what: "message named \"*\" whose payload has toString: 1", frame: bytes(Protocol.ROOM_DATA, fixstr("*"), 0x81, fixstr("toString"), 1) },
  { what: "message named __proto__", frame: bytes(Protocol.ROOM_DATA, fixstr("__proto__"), 0x80) },
  { what: "unreliable input ring with slot length -1", frame: bytes(Protocol.ROOM_INPUT_UNRELIABLE, 0xff, 0xff, 0xff) },
  { what: "unreliable input declaring 2^32-1 stamps", frame: bytes(Protocol.ROOM_INPUT_UNRELIABLE | 0x80, 0xce, 0xff, 0xff, 0xff, 0xff) },
  { what: "stamped reliable input with a NaN stamp", frame: bytes(Protocol.ROOM_INPUT_RELIABLE | 0x80, 0xcb, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f, 0x80, 1) },
];

/** Payloads of the right message names with the wrong shapes (each fails its zod schema). */
const WRONG_TYPES: readonly [string, unknown][] = [
  [ClientMessage.chat, { text: 42 }], [ClientMessage.chat, "hello"], [ClientMessage.chat, [1, 2, 3]],
  [ClientMessage.chat, { text: "" }], [ClientMessage.chat, { text: "hi", from: "Host" }], [ClientMessage.chat, null],
  [ClientMessage.setTeam, { team: "purple" }], [ClientMessage.setTeam, { team: ["red"] }], [ClientMessage.setTeam, 7],
  [ClientMessage.updateSettings, { scoreLimit: -1 }], [ClientMessage.updateSettings, { scoreLimit: Number.NaN }],
  [ClientMessage.updateSettings, { playersPerTeam: 1e9 }], [ClientMessage.updateSettings, { timeLimitSeconds: "60" }],
  [ClientMessage.startMatch, { force: true }], [ClientMessage.kickPlayer, { sessionId: "x".repeat(500) }],
  [ClientMessage.movePlayer, { sessionId: "", team: "red" }], [ClientMessage.addBot, { team: "spectator" }],
];

const UNKNOWN_TYPES: readonly (string | number)[] = ["nope", "__proto__", "constructor", "toString", "hasOwnProperty", 0, 12345, -1, ""];

function label(code: number): string {
  const names: Record<number, string> = {
    1000: "normal", 1006: "abnormal", 1009: "message too big", 4000: "consented", 4002: "framework: with error",
    4010: "tooFast", 4101: "kicked", 4102: "badInput", 4103: "serverRestart",
  };
  return `closed ${code}${names[code] ? ` (${names[code]})` : ""}`;
}

/** Runs attacks against one room and keeps the tally. */
export class AttackerHarness {
  readonly tallies = new Map<string, AttackTally>();
  private readonly random: () => number;
  private readonly endpoint: string;
  private readonly roomId: string;
  private attackers = 0;

  constructor(endpoint: string, roomId: string, seed: number) {
    this.endpoint = endpoint;
    this.roomId = roomId;
    this.random = mulberry32(seed);
  }

  /** One attacker connection: join, run `body`, then see whether the server closed it. */
  private async session(attack: string, options: JoinOptions, body: AttackBody): Promise<void> {
    const tally = this.tallies.get(attack) ?? { attack, sessions: 0, frames: 0, outcomes: new Map<string, number>() };
    this.tallies.set(attack, tally);
    tally.sessions += 1;
    const count = (outcome: string): void => { tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1); };
    let room: MatchRoomClient;
    try {
      room = await new Client(this.endpoint).joinById<MatchState>(this.roomId, { name: `Mallory${++this.attackers}`, ...options }, MatchState);
    } catch (error) {
      const status = (error as { code?: number }).code ?? "?";
      count(`join refused (${status})`);
      return;
    }
    room.onMessage("*", () => { /* attackers ignore what they are told */ });
    let closedWith: number | null = null;
    room.onLeave((code) => { closedWith ??= code; });
    // A close the SDK may reconnect from (e.g. CLOSE.tooFast) shows first as a drop.
    room.onDrop((code) => { closedWith ??= code; });
    try {
      tally.frames += await body(room, this.random);
    } catch (error) {
      count(`the SDK refused to send: ${(error as Error).message.slice(0, 40)}`);
    }
    // Did the server throw this attacker out? Frames on one socket are handled in order, so once two
    // protocol pings sent after the attack have come back, every attack frame has been judged.
    for (let probe = 0; probe < SETTLE_PINGS && closedWith === null; probe++) {
      let answered = false;
      if (room.connection.isOpen) room.ping(() => { answered = true; });
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      while (closedWith === null && !answered && Date.now() < deadline) await sleep(20);
    }
    if (closedWith === null) {
      count("open (frames dropped)");
      await room.leave(true).catch(() => undefined);
    } else {
      count(label(closedWith));
    }
  }

  /** Sends `frames` with `send`, at most PACED_FRAMES_PER_SECOND, stopping once the socket is closed. */
  private static async paced(room: MatchRoomClient, frames: number, send: (i: number) => void, perSecond = PACED_FRAMES_PER_SECOND): Promise<number> {
    let sent = 0;
    for (let i = 0; i < frames; i++) {
      if (!room.connection.isOpen) break;
      if (i > 0 && i % perSecond === 0) await sleep(1050);
      try {
        send(i);
        sent += 1;
      } catch {
        break; // the socket closed under us
      }
    }
    return sent;
  }

  /** Random frames over the raw socket: half fully random, half behind a real protocol code. */
  async randomBytes(totalFrames: number, perSession = 100): Promise<void> {
    const codes = [Protocol.JOIN_ROOM, Protocol.ROOM_DATA, Protocol.ROOM_DATA_BYTES, Protocol.ROOM_INPUT_RELIABLE,
      Protocol.ROOM_INPUT_UNRELIABLE, Protocol.ROOM_REQUEST, Protocol.PING, 0, 31];
    let left = totalFrames;
    while (left > 0) {
      const frames = Math.min(perSession, left);
      left -= frames;
      await this.session("random bytes (raw socket)", { spectate: true }, async (room, random) => AttackerHarness.paced(room, frames, () => {
        const frame = new Uint8Array(randomInt(random, 1, 512));
        for (let i = 0; i < frame.length; i++) frame[i] = randomInt(random, 0, 255);
        if (random() < 0.5) frame[0] = codes[randomInt(random, 0, codes.length - 1)] | (randomInt(random, 0, 7) << 5);
        room.connection.send(frame);
      }));
    }
  }

  /** Known message names with payloads of the wrong type or range: one session per payload. */
  async wrongTypes(): Promise<void> {
    for (const [type, payload] of WRONG_TYPES) {
      await this.session("wrong payload types", { spectate: true }, async (room) => {
        room.send(type, payload);
        return 1;
      });
    }
  }

  /** Message names the protocol does not have. */
  async unknownTypes(): Promise<void> {
    for (const type of UNKNOWN_TYPES) {
      await this.session("unknown message types", { spectate: true }, async (room) => {
        room.send(type, { hello: "world" });
        return 1;
      });
    }
    await this.session("unknown message types", { spectate: true }, async (room) => {
      room.sendBytes("blob", new Uint8Array(64).fill(7));
      return 1;
    });
    // A 200-byte type name (str8), which the SDK itself would not encode.
    await this.session("unknown message types", { spectate: true }, async (room) => {
      room.connection.send(bytes(Protocol.ROOM_DATA, 0xd9, 200, "x".repeat(200), 0xc0));
      return 1;
    });
  }

  /** Strings past every limit: over maxPayload (the socket closes with 1009), and under it but over the chat limit. */
  async oversize(): Promise<void> {
    const cases: [string, unknown][] = [
      [ClientMessage.chat, { text: "A".repeat(5000) }],
      [ClientMessage.chat, { text: "B".repeat(60_000) }],
      [ClientMessage.chat, { text: "C".repeat(LIMITS.chatLength * 10) }],
      [ClientMessage.updateSettings, { roomName: "D".repeat(3000) }],
    ];
    for (const [type, payload] of cases) {
      await this.session("oversize strings", { spectate: true }, async (room) => {
        room.send(type, payload);
        return 1;
      });
    }
    // And at the door: a 10 000-character name in the join options.
    await this.session("oversize strings", { spectate: true, name: "N".repeat(10_000) }, async () => 0);
  }

  /** Host-only actions from a player who is not the host: each is refused with a notice, nobody is thrown out. */
  async forgedHostActions(frames: number, victimSessionId: string): Promise<void> {
    const actions: [string, unknown][] = [
      [ClientMessage.startMatch, undefined], [ClientMessage.stopMatch, undefined],
      [ClientMessage.updateSettings, { scoreLimit: 1, timeLimitSeconds: 5, roomName: "pwned" }],
      [ClientMessage.movePlayer, { sessionId: victimSessionId, team: "spectator" }],
      [ClientMessage.kickPlayer, { sessionId: victimSessionId, reason: "bye" }],
      [ClientMessage.lockRoom, { locked: true }], [ClientMessage.addBot, { team: "red" }], [ClientMessage.removeBot, {}],
    ];
    await this.session("forged host actions", { spectate: true }, async (room) => AttackerHarness.paced(room, frames, (i) => {
      const [type, payload] = actions[i % actions.length];
      room.send(type, payload);
    }));
  }

  /** Out-of-range and NaN values through the SDK's own input channel, at the input rate, from a player on a team. */
  async outOfRangeInputs(frames: number): Promise<void> {
    const values = [1e6, -1e6, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 200, -129, 3.7, -0.5];
    await this.session("out-of-range inputs (room.input)", {}, async (room) => {
      const handle = room.input<PlayerInput>({ type: PlayerInput, mode: "reliable" });
      return AttackerHarness.paced(room, frames, (i) => {
        handle.data.moveX = values[i % values.length];
        // Always "up": whatever the clamp makes of it, this attacker heads for the top wall, away from everyone.
        handle.data.moveY = i % 2 === 0 ? -1e6 : Number.NEGATIVE_INFINITY;
        handle.data.kick = i % 3 === 0;
        handle.send();
      }, 60);
    });
  }

  /** Hand-written reliable input frames: int8 extremes, a non-boolean kick, fields the schema lacks, random bodies. */
  async rawInputFrames(frames: number): Promise<void> {
    const R = Protocol.ROOM_INPUT_RELIABLE;
    const crafted = [
      bytes(R, 0x80, 0x80, 0x81, 0x80, 0x82, 7), // moveX −128, moveY −128, kick 7
      bytes(R, 0x80, 0x7f, 0x81, 0x80), // moveX +127, moveY −128
      bytes(R, 0x85, 0x01), // field 5: not in the schema
      bytes(R, 0xff, 0xff, 0xff), // not a field at all
    ];
    await this.session("raw input frames", {}, async (room, random) => AttackerHarness.paced(room, frames, (i) => {
      if (i % 5 === 4) {
        const body = new Uint8Array(randomInt(random, 1, 24));
        for (let j = 0; j < body.length; j++) body[j] = randomInt(random, 0, 255);
        room.connection.send(bytes(R, body));
      } else {
        room.connection.send(crafted[i % crafted.length]);
      }
    }, 60));
  }

  /** Well-formed inputs faster than the tick rate (100/s, under the message cap), running left: a speed hack
   * if the room applied every input it buffers. */
  async inputFlood(seconds: number, perSecond = 100): Promise<void> {
    await this.session("input flood (100/s, speed hack)", {}, async (room) => {
      const handle = room.input<PlayerInput>({ type: PlayerInput, mode: "reliable" });
      let sent = 0;
      const deadline = Date.now() + seconds * 1000;
      while (Date.now() < deadline && room.connection.isOpen) {
        handle.data.moveX = -AXIS_MAX;
        handle.data.moveY = 0;
        handle.data.kick = false;
        if (handle.send() > 0) sent += 1;
        await sleep(1000 / perSecond);
      }
      return sent;
    });
  }

  /** Legal team changes at the paced rate: each is announced to everyone, so the room caps them like chat. */
  async teamChangeSpam(frames: number): Promise<void> {
    await this.session("team-change spam", { spectate: true }, async (room) => AttackerHarness.paced(room, frames, (i) => {
      room.send(ClientMessage.setTeam, { team: i % 2 === 0 ? "red" : "spectator" });
    }));
  }

  /** Everything at once, far over the message rate and its burst: the server throttles, then closes the sender. */
  async flood(frames: number): Promise<void> {
    await this.session("flood over the rate cap", { spectate: true }, async (room) => {
      let sent = 0;
      for (let i = 0; i < frames && room.connection.isOpen; i++) {
        if (i % 2 === 0) room.send(ClientMessage.setTeam, { team: "spectator" });
        else room.connection.send(bytes(Protocol.PING));
        sent += 1;
      }
      return sent;
    });
  }

  /** The decoder bombs, one connection each. */
  async decoderBombs(): Promise<void> {
    for (const bomb of DECODER_BOMBS) {
      await this.session("decoder bombs", { spectate: true }, async (room) => {
        room.connection.send(bomb.frame);
        return 1;
      });
    }
  }

  totalFrames(): number {
    let total = 0;
    for (const tally of this.tallies.values()) total += tally.frames;
    return total;
  }

  /** One row per attack, for console.table. */
  rows(): { attack: string; sessions: number; frames: number; "server answer": string }[] {
    return [...this.tallies.values()].map((tally) => ({
      attack: tally.attack,
      sessions: tally.sessions,
      frames: tally.frames,
      "server answer": [...tally.outcomes.entries()].map(([outcome, n]) => `${outcome} ×${n}`).join(", "),
    }));
  }
}
