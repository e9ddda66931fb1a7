// Reproduces two in-room abuses against a real server process with two honest players (60 inputs/s) in the room, and prints what the honest side saw:
//   requests — 60 sockets sending request frames with unknown types and bad payloads (issue 9 item 5);
//   churn    — join/leave cycles as fast as one client can (issue 9 item 6).
// Usage: npm exec -- node bench/roomAbuse.ts [requests|churn|all] [seconds]
import { Client, type Room } from "@colyseus/sdk";
import { startChildServer, type ChildServer } from "../harness/childServer.ts";
import { freePort } from "../harness/ports.ts";
import { openInputChannel, sendIntent } from "../game/net/inputChannel.ts";
import { MATCH_ROOM, type ChatLine } from "../shared/protocol.ts";
import { MatchState } from "../shared/state.ts";
import { execSync } from "node:child_process";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Honest {
  room: Room<unknown, MatchState>;
  chat: { at: number; line: ChatLine }[];
  ticks: { at: number; tick: number }[];
  patchGaps: number[];
  left: number | null;
  stop(): void;
}

async function honestPlayer(endpoint: string, roomId: string | null, name: string): Promise<Honest> {
  const client = new Client(endpoint);
  const room = roomId
    ? await client.joinById<MatchState>(roomId, { name }, MatchState)
    : await client.create<MatchState>(MATCH_ROOM, { name, playersPerTeam: 1 }, MatchState);
  const honest: Honest = { room, chat: [], ticks: [], patchGaps: [], left: null, stop: () => undefined };
  room.onMessage("chat", (line: ChatLine) => honest.chat.push({ at: performance.now(), line }));
  room.onMessage("notice", () => undefined);
  room.onLeave((code) => { honest.left = code; });
  let last = 0;
  room.onStateChange(() => {
    const now = performance.now();
    if (last > 0) honest.patchGaps.push(now - last);
    last = now;
    honest.ticks.push({ at: now, tick: room.state.tick });
  });
  const handle = openInputChannel(room);
  let frame = 0;
  const timer = setInterval(() => {
    frame += 1;
    sendIntent(handle, { moveX: frame % 60 < 30 ? 60 : -60, moveY: 0, kick: false });
  }, 1000 / 60);
  honest.stop = () => clearInterval(timer);
  return honest;
}

/** Ticks per second the honest client saw between `from` and `to` (performance.now()). */
function ticksPerSecond(honest: Honest, from: number, to: number): number {
  const inside = honest.ticks.filter((t) => t.at >= from && t.at <= to);
  if (inside.length < 2) return 0;
  const first = inside[0];
  const last = inside[inside.length - 1];
  return ((last.tick - first.tick) * 1000) / (last.at - first.at);
}

interface Figures {
  attack: string;
  sent: number;
  "honest ticks/s": number;
  "worst patch gap ms": number;
  "server log bytes": number;
  "system lines at an honest client": number;
  "most system lines in 1 s": number;
  "seats kept": string;
}

async function withRoom(server: ChildServer, logBytes: () => number, attack: string, seconds: number,
  run: (endpoint: string, roomId: string, until: number) => Promise<number>): Promise<Figures> {
  const ann = await honestPlayer(server.url, null, "Ann");
  const bob = await honestPlayer(server.url, ann.room.roomId, "Bob");
  await sleep(1000);
  const logBefore = logBytes();
  const from = performance.now();
  const sent = await run(server.url, ann.room.roomId, Date.now() + seconds * 1000);
  const to = performance.now();
  await sleep(500);
  const system = bob.chat.filter((c) => c.line.system && c.at >= from);
  let most = 0;
  for (const c of system) most = Math.max(most, system.filter((d) => d.at >= c.at && d.at < c.at + 1000).length);
  const inWindow = bob.patchGaps.slice(-Math.ceil(((to - from) / 1000) * 30));
  const figures: Figures = {
    attack,
    sent,
    "honest ticks/s": Number(ticksPerSecond(bob, from, to).toFixed(1)),
    "worst patch gap ms": Math.round(Math.max(0, ...inWindow)),
    "server log bytes": logBytes() - logBefore,
    "system lines at an honest client": system.length,
    "most system lines in 1 s": most,
    "seats kept": `${[ann, bob].filter((h) => h.left === null && h.room.state.players.get(h.room.sessionId)?.connected).length}/2`,
  };
  for (const h of [ann, bob]) { h.stop(); await h.room.leave(true).catch(() => undefined); }
  return figures;
}

/** 60 sockets, each sending request frames (unknown types and bad payloads) at 100/s; a socket that is closed rejoins. */
async function requestFlood(endpoint: string, roomId: string, until: number): Promise<number> {
  let sent = 0;
  const oneSocket = async (n: number): Promise<void> => {
    while (Date.now() < until) {
      let room: Room<unknown, MatchState>;
      try {
        room = await new Client(endpoint).joinById<MatchState>(roomId, { name: `Req${n}`, spectate: true }, MatchState);
      } catch {
        await sleep(200);
        continue;
      }
      room.onMessage("*", () => undefined);
      let open = true;
      room.onLeave(() => { open = false; });
      room.onDrop(() => { open = false; });
      for (let i = 0; open && Date.now() < until; i++) {
        const type = i % 2 === 0 ? `nope${i % 7}` : "chat";
        const payload = i % 2 === 0 ? { hello: "world" } : { text: 42 };
        room.request(type, payload, { timeout: 2000 }).catch(() => undefined);
        sent += 1;
        await sleep(10);
      }
      // A closed room's leave() never settles: leave only a room still open.
      if (room.connection.isOpen) void room.leave(false).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: 60 }, (_, n) => oneSocket(n)));
  return sent;
}

/** One client joining and leaving the room as fast as it can. */
async function churn(endpoint: string, roomId: string, until: number): Promise<number> {
  let cycles = 0;
  const loop = async (n: number): Promise<void> => {
    while (Date.now() < until) {
      try {
        const room = await new Client(endpoint).joinById<MatchState>(roomId, { name: `Churn${n}`, spectate: true }, MatchState);
        await room.leave(true);
        cycles += 1;
      } catch {
        await sleep(20);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, n) => loop(n)));
  return cycles;
}

const which = process.argv[2] ?? "all";
const seconds = Number(process.argv[3] ?? 5);
const port = await freePort();
const server = await startChildServer({ entry: "server/index.ts", port, env: { REBOUND_SERVE_CLIENT: "0" } });
let logged = 0;
server.process.stdout?.on("data", (chunk: Buffer) => { logged += chunk.length; });
server.process.stderr?.on("data", (chunk: Buffer) => { logged += chunk.length; });
const rows: Figures[] = [];
try {
  if (which === "requests" || which === "all") rows.push(await withRoom(server, () => logged, "60 sockets of bad request frames", seconds, requestFlood));
  if (which === "churn" || which === "all") rows.push(await withRoom(server, () => logged, "join/leave churn (8 loops)", seconds, churn));
  rows.push(await withRoom(server, () => logged, "no attack (baseline)", seconds, async (_e, _r, until) => { await sleep(until - Date.now()); return 0; }));
} finally {
  await server.stop();
}
console.log(`uptime: ${execSync("uptime").toString().trim()} (shared machine)`);
console.table(rows);
