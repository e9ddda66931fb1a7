// Honest SDK players for the attack suite: a fresh room, 60 inputs/s each, with the ticks, patch gaps and seats they saw, and a late joiner's check of the state.
import { Client, type Room } from "@colyseus/sdk";
import { openInputChannel, sendIntent } from "../../game/net/inputChannel.ts";
import { MATCH_ROOM, type ChatLine } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import { sleep } from "../lib/wallClock.ts";

type MatchRoomClient = Room<unknown, MatchState>;

/** The honest side comes from its own address (the server trusts one proxy hop in the suite), as friends on another network would. */
export const HONEST_ADDRESS = "198.51.100.10";

interface HonestPlayer {
  name: string;
  room: MatchRoomClient;
  sessionId: string;
  team: string;
  ticks: { at: number; tick: number }[];
  gaps: { at: number; ms: number }[];
  /** When each system chat line (joins, leaves, …) arrived. */
  systemLines: number[];
  /** Final leave code (not a drop the SDK recovers from), or null. */
  left: number | null;
  timer: NodeJS.Timeout;
}

export interface HonestFigures {
  /** Lowest server tick rate any honest player saw during the window. */
  ticksPerSecond: number;
  worstPatchGapMs: number;
  /** Most system chat lines an honest player got in one second (join/leave announcements). */
  systemLinesPerSecond: number;
  seatsKept: number;
  seats: number;
}

function clientFor(endpoint: string): Client {
  return new Client(endpoint, { headers: { "x-forwarded-for": HONEST_ADDRESS } });
}

/** Resolves with `promise` or after `ms`: the SDK's leave() on a socket the server already closed never settles. */
function bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Registered straight after joining, before the first system line can arrive unheard. */
function listen<T extends MatchRoomClient>(room: T): T {
  room.onMessage("chat", () => undefined);
  room.onMessage("notice", () => undefined);
  return room;
}

/** Most entries of `times` inside any one-second window. */
function busiestSecond(times: number[]): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= 1000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

function play(room: MatchRoomClient, name: string): HonestPlayer {
  const handle = openInputChannel(room);
  let frame = 0;
  const timer = setInterval(() => {
    frame += 1;
    const intent = { moveX: frame % 120 < 60 ? 90 : -90, moveY: frame % 90 < 45 ? 40 : -40, kick: frame % 50 === 0 };
    try { sendIntent(handle, intent); } catch { /* reconnecting: the SDK refuses to send on a closed socket */ }
  }, 1000 / 60);
  const me = room.state.players.get(room.sessionId);
  const player: HonestPlayer = { name, room, sessionId: room.sessionId, team: me?.team ?? "", ticks: [], gaps: [], systemLines: [], left: null, timer };
  room.onMessage("chat", (line: ChatLine) => { if (line.system) player.systemLines.push(performance.now()); });
  room.onLeave((code) => { player.left = code; });
  let last = 0;
  room.onStateChange(() => {
    const now = performance.now();
    if (last > 0) player.gaps.push({ at: now, ms: now - last });
    last = now;
    player.ticks.push({ at: now, tick: room.state.tick });
  });
  return player;
}

export class HonestRoom {
  readonly players: HonestPlayer[];
  readonly roomId: string;
  private readonly endpoint: string;

  private constructor(endpoint: string, roomId: string, players: HonestPlayer[]) {
    this.endpoint = endpoint;
    this.roomId = roomId;
    this.players = players;
  }

  /** A fresh room with `count` honest players; `endpoints[i]` lets player i connect another way (e.g. through a pausable proxy). */
  static async open(endpoint: string, count: number, endpoints: string[] = []): Promise<HonestRoom> {
    const players: HonestPlayer[] = [];
    const host = listen(await clientFor(endpoints[0] ?? endpoint).create<MatchState>(MATCH_ROOM, { name: "Ann", roomName: "Honest room", playersPerTeam: 3 }, MatchState));
    await waitUntil(() => host.state.players?.has(host.sessionId) === true, 10_000);
    players.push(play(host, "Ann"));
    for (let i = 1; i < count; i++) {
      const name = ["Bob", "Cat", "Dan", "Eve", "Fay"][i - 1] ?? `Honest${i}`;
      const room = listen(await clientFor(endpoints[i] ?? endpoint).joinById<MatchState>(host.roomId, { name }, MatchState));
      await waitUntil(() => room.state.players?.has(room.sessionId) === true, 10_000);
      players.push(play(room, name));
    }
    return new HonestRoom(endpoint, host.roomId, players);
  }

  /** Figures over [from, to] (performance.now()), after giving dropped players `settleMs` to reconnect into their seats. */
  async figures(from: number, to: number, settleMs: number): Promise<HonestFigures> {
    await waitUntil(() => this.players.every((p) => this.seatKept(p, to)), settleMs);
    let ticksPerSecond = Infinity;
    let worst = 0;
    let systemLinesPerSecond = 0;
    for (const player of this.players) {
      systemLinesPerSecond = Math.max(systemLinesPerSecond, busiestSecond(player.systemLines.filter((at) => at >= from && at <= to)));
      const inside = player.ticks.filter((t) => t.at >= from && t.at <= to);
      const rate = inside.length >= 2 ? ((inside[inside.length - 1].tick - inside[0].tick) * 1000) / (inside[inside.length - 1].at - inside[0].at) : 0;
      ticksPerSecond = Math.min(ticksPerSecond, rate);
      for (const gap of player.gaps) if (gap.at >= from && gap.at <= to + 1000) worst = Math.max(worst, gap.ms);
    }
    return {
      ticksPerSecond: Number.isFinite(ticksPerSecond) ? ticksPerSecond : 0,
      worstPatchGapMs: worst,
      systemLinesPerSecond,
      seatsKept: this.players.filter((p) => this.seatKept(p, to)).length,
      seats: this.players.length,
    };
  }

  /** Still in the room under the same session, connected, on the same team (score and host ride on the
   * session), and still getting patches after the attack: a socket the SDK keeps retrying shows a stale state. */
  private seatKept(player: HonestPlayer, after: number): boolean {
    const me = player.room.state.players?.get(player.sessionId);
    const lastPatch = player.ticks[player.ticks.length - 1]?.at ?? 0;
    return player.left === null && player.room.connection.isOpen && lastPatch > after &&
      player.room.sessionId === player.sessionId && me?.connected === true && me.team === player.team;
  }

  /** Joins as a spectator and compares what it decodes from the full state with an honest player's patched state:
   * room settings and every player's name, team and host role. Returns the first difference, or null. */
  async lateJoinerDifference(): Promise<string | null> {
    let late: MatchRoomClient;
    try {
      late = listen(await clientFor(this.endpoint).joinById<MatchState>(this.roomId, { name: "Late", spectate: true }, MatchState));
    } catch (error) {
      return `late joiner refused: ${(error as Error).message}`;
    }
    try {
      await waitUntil(() => late.state.players?.has(late.sessionId) === true, 10_000);
      const reference = this.players.find((p) => p.left === null)?.room;
      if (!reference) return "no honest player left to compare with";
      // Both see the same server state once the reference has had the patch that added the late joiner.
      await waitUntil(() => reference.state.players.has(late.sessionId), 10_000);
      await sleep(200);
      return compareStatic(reference.state, late.state);
    } catch (error) {
      return `late joiner failed: ${(error as Error).message}`;
    } finally {
      await bounded(late.leave(true).catch(() => undefined), 2000);
    }
  }

  async close(): Promise<void> {
    for (const player of this.players) {
      clearInterval(player.timer);
      if (player.left === null) await bounded(player.room.leave(true).catch(() => undefined), 2000);
    }
  }
}

function staticView(state: MatchState): string {
  const settings = state.settings;
  const players: string[] = [];
  state.players.forEach((player, id) => players.push(`${id}:${JSON.stringify(player.name)}:${player.team}`));
  players.sort();
  return JSON.stringify({
    roomName: settings.roomName, playersPerTeam: settings.playersPerTeam, scoreLimit: settings.scoreLimit,
    timeLimitSeconds: settings.timeLimitSeconds, hasPassword: settings.hasPassword, isPrivate: settings.isPrivate,
    hostId: state.hostId, players,
  });
}

function compareStatic(reference: MatchState, late: MatchState): string | null {
  const a = staticView(reference);
  const b = staticView(late);
  return a === b ? null : `honest player sees ${a}, late joiner decodes ${b}`;
}
