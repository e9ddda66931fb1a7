// The attacks of issue 9, one per class, each sent from the attacker's own address at an honest room, returning what it sent and what came back.
import http from "node:http";
import { Client, type Room } from "@colyseus/sdk";
import WebSocket from "ws";
import { CLOSE } from "../../shared/constants.ts";
import { livePath } from "../../shared/liveSnapshot.ts";
import { MATCH_ROOM } from "../../shared/protocol.ts";
import { MatchState } from "../../shared/state.ts";
import type { TcpProxy } from "../../harness/tcpProxy.ts";
import { sleep } from "../lib/wallClock.ts";

/** Each attack comes from its own address (203.0.113.x), so one attack's refusals do not colour the next row. */
export function attackerHeaders(index: number): Record<string, string> {
  return { "x-forwarded-for": `203.0.113.${100 + index}` };
}

/** How hard each attack pushes: `full` for `npm run attack`, `tiny` inside `npm test`. */
export interface Scale {
  floodSeconds: number;
  stallSeconds: number;
  reservations: number;
  sockets: number;
  bodyMegabytes: number;
  requestSockets: number;
  churnLoops: number;
}

export const FULL_SCALE: Scale = { floodSeconds: 8, stallSeconds: 5, reservations: 30, sockets: 500, bodyMegabytes: 100, requestSockets: 60, churnLoops: 8 };
export const TINY_SCALE: Scale = { floodSeconds: 1.5, stallSeconds: 1.5, reservations: 30, sockets: 80, bodyMegabytes: 8, requestSockets: 8, churnLoops: 2 };

export interface AttackContext {
  endpoint: string;
  serverPid: number;
  roomId: string;
  scale: Scale;
  /** Headers that make this attack's requests and sockets come from its own address. */
  attacker: Record<string, string>;
  /** Present when the attack asked for one honest player behind a pausable proxy. */
  proxy: TcpProxy | null;
}

export interface AttackResult {
  sent: number;
  unit: string;
  /** What the server answered, in a few words. */
  outcome: string;
}

export interface Attack {
  /** Issue 9 class (1–7). */
  issueClass: number;
  name: string;
  /** Honest player 2 connects through a proxy the attack can pause. */
  needsProxy?: boolean;
  run(context: AttackContext): Promise<AttackResult>;
}

type MatchRoomClient = Room<unknown, MatchState>;

/** Resolves with `promise`, or after `ms` whatever happens (an SDK call on a socket the server closed may never settle). */
function bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

function tally(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${what} ×${n}`).join(", ");
}

async function matchmake(endpoint: string, attacker: Record<string, string>, method: string, target: string, body: unknown): Promise<number> {
  try {
    const response = await fetch(`${endpoint}/matchmake/${method}/${encodeURIComponent(target)}`, {
      method: "POST", headers: { "content-type": "application/json", ...attacker }, body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

async function attackerJoin(endpoint: string, attacker: Record<string, string>, roomId: string, options: Record<string, unknown>): Promise<MatchRoomClient> {
  const room = await new Client(endpoint, { headers: attacker }).joinById<MatchState>(roomId, options, MatchState);
  room.onMessage("*", () => undefined);
  return room;
}

const serverStall: Attack = {
  issueClass: 1, name: "stall: server process stopped",
  async run({ serverPid, scale }) {
    process.kill(serverPid, "SIGSTOP");
    await sleep(scale.stallSeconds * 1000);
    process.kill(serverPid, "SIGCONT");
    return { sent: 0, unit: `${scale.stallSeconds} s SIGSTOP`, outcome: "process resumed" };
  },
};

const clientStall: Attack = {
  issueClass: 1, name: "stall: one player's network",
  needsProxy: true,
  async run({ proxy, scale }) {
    if (!proxy) throw new Error("no proxy");
    proxy.pause(true);
    await sleep(scale.stallSeconds * 1000);
    proxy.pause(false);
    return { sent: 0, unit: `${scale.stallSeconds} s paused`, outcome: "queued inputs arrive as one burst" };
  },
};

const BAD_NAMES = ["x\uD800", "\uDC00y", "\u202Eevil", "\u200B\u200B", "a\u0000b", "<script>alert(1)</script>", "Ann", "\u0007bell"];

const hostileNames: Attack = {
  issueClass: 2, name: "lone surrogates, bidi, NUL, duplicate names",
  async run({ endpoint, attacker, roomId }) {
    const outcomes: string[] = [];
    for (const name of BAD_NAMES) {
      try {
        const room = await attackerJoin(endpoint, attacker, roomId, { name, spectate: true });
        outcomes.push("joined");
        await bounded(room.leave(true), 2000);
      } catch (error) {
        outcomes.push(`refused ${(error as { code?: number }).code ?? "?"}`);
      }
    }
    for (const roomName of ["Cup final\uD800", "\u202Eroom", "\u200B"]) {
      outcomes.push(`room name ${await matchmake(endpoint, attacker, "create", MATCH_ROOM, { name: "Mallory", roomName })}`);
    }
    return { sent: BAD_NAMES.length + 3, unit: "joins/creates", outcome: tally(outcomes) };
  },
};

const reservationFlood: Attack = {
  issueClass: 3, name: "seat reservation flood (joinById {})",
  async run({ endpoint, attacker, roomId, scale }) {
    const statuses = await Promise.all(Array.from({ length: scale.reservations }, () => matchmake(endpoint, attacker, "joinById", roomId, {})));
    // A password room, asked without its password.
    const locked = await new Client(endpoint, { headers: { "x-forwarded-for": "198.51.100.77" } }).create<MatchState>(MATCH_ROOM, { name: "Pat", password: "pw" }, MatchState);
    locked.onMessage("*", () => undefined);
    const withoutPassword = await Promise.all(Array.from({ length: scale.reservations }, () => matchmake(endpoint, attacker, "joinById", locked.roomId, {})));
    // A friend from another network then joins the flooded room.
    let friend = "friend joined";
    try {
      const room = await new Client(endpoint, { headers: { "x-forwarded-for": "198.51.100.78" } }).joinById<MatchState>(roomId, { name: "Friend", spectate: true }, MatchState);
      room.onMessage("*", () => undefined);
      await bounded(room.leave(true), 2000);
    } catch (error) {
      friend = `friend refused: ${(error as Error).message}`;
    }
    await bounded(locked.leave(true), 2000);
    return { sent: statuses.length + withoutPassword.length, unit: "requests", outcome: `open room: ${tally(statuses.map(String))}; password room: ${tally(withoutPassword.map(String))}; ${friend}` };
  },
};

const creationFlood: Attack = {
  issueClass: 4, name: "room creation flood",
  async run({ endpoint, attacker, scale }) {
    const until = Date.now() + scale.floodSeconds * 1000;
    const statuses: number[] = [];
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (Date.now() < until) statuses.push(await matchmake(endpoint, attacker, "create", MATCH_ROOM, { isPrivate: true, name: "Mallory" }));
    }));
    return { sent: statuses.length, unit: "requests", outcome: `created ${statuses.filter((s) => s === 200).length}; ${tally(statuses.filter((s) => s !== 200).map(String))}` };
  },
};

const hugeBody: Attack = {
  issueClass: 4, name: "huge chunked body to matchmaking",
  async run({ endpoint, attacker, scale }) {
    let written = 0;
    const total = scale.bodyMegabytes * (1 << 20);
    const outcome = await new Promise<string>((resolve) => {
      const request = http.request(`${endpoint}/matchmake/joinOrCreate/${MATCH_ROOM}`, {
        method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked", ...attacker },
      }, (response) => { response.resume(); resolve(`HTTP ${response.statusCode}`); });
      request.on("error", (error) => resolve(`connection ${(error as NodeJS.ErrnoException).code ?? error.message}`));
      const chunk = Buffer.alloc(1 << 20, 0x61);
      const pump = (): void => {
        while (written < total && !request.destroyed) {
          written += chunk.length;
          if (!request.write(chunk)) { request.once("drain", pump); return; }
        }
        request.end("\"}");
      };
      request.write("{\"name\":\"");
      pump();
    });
    return { sent: 1, unit: `request (${Math.round(written / (1 << 20))} of ${scale.bodyMegabytes} MB written)`, outcome };
  },
};

const socketFlood: Attack = {
  issueClass: 4, name: "socket flood from one address",
  async run({ endpoint, attacker, scale }) {
    const closes: string[] = [];
    let opened = 0;
    const sockets = Array.from({ length: scale.sockets }, () => {
      const socket = new WebSocket(`${endpoint.replace("http", "ws")}/`, { headers: attacker });
      socket.on("open", () => { opened += 1; });
      socket.on("close", (code) => closes.push(code === CLOSE.tooManyConnections ? "4429 refused" : `closed ${code}`));
      socket.on("error", () => undefined);
      return socket;
    });
    const deadline = Date.now() + 20_000;
    while (closes.length < sockets.length && Date.now() < deadline) await sleep(50);
    for (const socket of sockets) socket.terminate();
    return { sent: scale.sockets, unit: "sockets", outcome: `handshakes ${opened}; ${tally(closes)}` };
  },
};

const requestFrameFlood: Attack = {
  issueClass: 5, name: "request frames: unknown types, bad payloads",
  async run({ endpoint, attacker, roomId, scale }) {
    const until = Date.now() + scale.floodSeconds * 1000;
    let sent = 0;
    const closes: string[] = [];
    await Promise.all(Array.from({ length: scale.requestSockets }, async (_, n) => {
      while (Date.now() < until) {
        let room: MatchRoomClient;
        try {
          const joined = await bounded(attackerJoin(endpoint, attacker, roomId, { name: `Req${n}`, spectate: true }), 10_000);
          if (!joined) continue;
          room = joined;
        } catch {
          await sleep(200);
          continue;
        }
        let open = true;
        room.onLeave((code) => { open = false; closes.push(`closed ${code}`); });
        for (let i = 0; open && Date.now() < until; i++) {
          const [type, payload] = i % 2 === 0 ? [`nope${i % 7}`, { hello: "world" }] : ["chat", { text: 42 }];
          room.request(type, payload, { timeout: 2000 }).catch(() => undefined);
          sent += 1;
          await sleep(10);
        }
        if (open) await bounded(room.leave(true).catch(() => undefined), 2000);
      }
    }));
    return { sent, unit: "frames", outcome: tally(closes) || "no socket closed" };
  },
};

const churn: Attack = {
  issueClass: 6, name: "join/leave churn",
  async run({ endpoint, attacker, roomId, scale }) {
    const until = Date.now() + scale.floodSeconds * 1000;
    let cycles = 0;
    let refused = 0;
    await Promise.all(Array.from({ length: scale.churnLoops }, async (_, n) => {
      while (Date.now() < until) {
        try {
          const room = await bounded(attackerJoin(endpoint, attacker, roomId, { name: `Churn${n}`, spectate: true }), 10_000);
          if (!room) continue;
          await bounded(room.leave(true), 5000);
          cycles += 1;
        } catch {
          refused += 1;
          await sleep(20);
        }
      }
    }));
    return { sent: cycles, unit: "join/leave cycles", outcome: `${refused} joins refused` };
  },
};

/** Requests whose answers must not carry a stack trace, a file path or another room's data. */
const disclosure: Attack = {
  issueClass: 7, name: "disclosure probes",
  async run({ endpoint, attacker }) {
    const hidden = await new Client(endpoint, { headers: { "x-forwarded-for": "198.51.100.79" } }).create<MatchState>(MATCH_ROOM, { name: "Pia", isPrivate: true, password: "pw" }, MatchState);
    hidden.onMessage("*", () => undefined);
    const probes: [string, RequestInit][] = [
      ["/r/%E0%A4%A", {}], ["/api/rooms/%E0%A4%A/live", {}], [livePath(hidden.roomId), {}], ["/metrics/reset", { method: "POST" }],
      ["/metrics", {}], ["/healthz", { headers: { origin: "https://evil.example" } }], ["/matchmake/joinById/x", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } }],
      ["/matchmake/nope/match", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }], ["/", {}], ["/compare/x", {}],
    ];
    const leaks: string[] = [];
    for (const [path, init] of probes) {
      const response = await fetch(`${endpoint}${path}`, { ...init, headers: { ...attacker, ...(init.headers as Record<string, string> | undefined) } });
      const body = await response.text();
      if (/\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d+/.test(body)) leaks.push(`${path}: stack or path`);
      if (path.includes("/live") && response.status === 200) leaks.push(`${path}: private room's live data`);
      if (path === "/metrics/reset" && response.ok) leaks.push("anonymous metrics reset");
      if (path === "/metrics" && response.ok) leaks.push("metrics without the token");
      if (response.headers.get("access-control-allow-origin") === "https://evil.example") leaks.push(`${path}: CORS reflects any origin`);
      if (response.headers.get("x-powered-by")) leaks.push(`${path}: X-Powered-By`);
      if (!response.headers.get("content-security-policy") || response.headers.get("x-content-type-options") !== "nosniff") leaks.push(`${path}: security headers missing`);
    }
    await bounded(hidden.leave(true), 2000);
    return { sent: probes.length, unit: "requests", outcome: leaks.length === 0 ? "no leak" : leaks.join("; ") };
  },
};

export const ATTACKS: readonly Attack[] = [serverStall, clientStall, hostileNames, reservationFlood, creationFlood, hugeBody, socketFlood, requestFrameFlood, churn, disclosure];
