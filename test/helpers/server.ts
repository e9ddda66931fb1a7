// Test helper: boots a real Rebound server on a free port and joins real @colyseus/sdk clients to its match rooms.
import { createServer } from "node:net";
import type { Server } from "colyseus";
import { createGameServer, type AppOptions } from "../../server/app.ts";
import { LOAD_TEST_LIMITS } from "../../server/limits/settings.ts";
import { SqliteMatchStore } from "../../server/storage/sqliteStore.ts";
import { openInputChannel, sendIntent, type InputChannel } from "../../game/net/inputChannel.ts";
import type { InputIntent } from "../../shared/input.ts";
import type { Announcement } from "../../shared/announcements.ts";
import { chatLineText, noticeText } from "../../game/ui/wording.ts";
import { ServerMessage, type ChatLine, type CreateOptions, type JoinOptions, type Notice } from "../../shared/protocol.ts";
import { HeadlessPlayer, type MatchRoomHandle } from "../../harness/headlessPlayer.ts";

export type MatchRoomClient = MatchRoomHandle;

export interface TestServer {
  server: Server;
  port: number;
  /** http://localhost:<port> */
  endpoint: string;
  stop(): Promise<void>;
}

/** Asks the OS for a port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** The real server, API only, no signal handlers, listening on a free port. One per test file. */
export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const port = await freePort();
  // Tests run many clients from one loopback address: the per-address caps are raised unless a test sets them.
  // Match history in a private in-memory SQLite database unless the test brings its own store.
  const matchStore = options.matchStore === undefined ? new SqliteMatchStore(":memory:") : options.matchStore;
  const server = createGameServer({ clientDir: null, gracefullyShutdown: false, ...options, matchStore, limits: { ...LOAD_TEST_LIMITS, ...options.limits } });
  await server.listen(port);
  return {
    server,
    port,
    endpoint: `http://localhost:${port}`,
    stop: () => server.gracefullyShutdown(false),
  };
}

/** A chat line as the page shows it: a player's line as sent, or the room's news with the words the page gives it. */
export interface ShownChatLine {
  system: boolean;
  from: string;
  fromId: string;
  team: string;
  text: string;
  news?: Announcement;
}

/** A notice with the words the page shows for it. */
export interface ShownNotice extends Notice {
  text: string;
}

/** The wire's codes worded as the page words them (game/ui/wording.ts), so tests read what a player reads. */
function shownChatLine(line: ChatLine): ShownChatLine {
  return line.system ? { system: true, from: "", fromId: "", team: "", text: chatLineText(line), news: line.news } : line;
}

/** A joined room plus everything the server pushed to it, recorded from the moment of joining. */
export interface Joined {
  room: MatchRoomClient;
  chat: ShownChatLine[];
  notices: ShownNotice[];
  /** Close code once the room has been left (by us or the server), else null. */
  leftWith: number | null;
  /** Instant replays (replay files of a goal's run-up) the room sent, in order. */
  instantReplays: Uint8Array[];
}

/** Records the close code and what the room pushes, worded as the page words it. */
export function track(room: MatchRoomClient): Joined {
  const joined: Joined = { room, chat: [], notices: [], leftWith: null, instantReplays: [] };
  // Registered right after joining so no early message is lost or warned about.
  room.onMessage("chat", (line: ChatLine) => { joined.chat.push(shownChatLine(line)); });
  room.onMessage("notice", (notice: Notice) => { joined.notices.push({ ...notice, text: noticeText(notice.reason) }); });
  room.onMessage(ServerMessage.instantReplay, (bytes: Uint8Array) => { joined.instantReplays.push(bytes); });
  room.onLeave((code) => { joined.leftWith = code; });
  return joined;
}

/** A join resolves before the first full state arrives: wait until our own player is decoded. */
async function seated(joined: Joined): Promise<Joined> {
  await waitFor(() => joined.room.state.players?.has(joined.room.sessionId) === true, "our own player in the state");
  return joined;
}

/** Creates a fresh match room (so tests in one file never share a room). */
export async function createMatch(endpoint: string, options: CreateOptions = {}): Promise<Joined> {
  return seated(track((await HeadlessPlayer.create(endpoint, options)).room));
}

/** Joins an existing match room by id. */
export async function joinMatch(endpoint: string, roomId: string, options: JoinOptions = {}): Promise<Joined> {
  return seated(track((await HeadlessPlayer.joinById(endpoint, roomId, options)).room));
}

export async function leaveQuietly(...joined: Joined[]): Promise<void> {
  await Promise.all(joined.map(async (j) => {
    if (j.leftWith === null) await j.room.leave(true);
  }));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 10 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Resolves on the next state patch the room receives. */
export function nextPatch(room: MatchRoomClient, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no state patch arrived")), timeoutMs);
    const onChange = (): void => {
      clearTimeout(timer);
      room.onStateChange.remove(onChange);
      resolve();
    };
    room.onStateChange(onChange);
  });
}

/** Waits for `count` further state patches. */
export async function patches(room: MatchRoomClient, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await nextPatch(room);
}

/** The reliable input channel of a joined room, opened as the browser and the headless player open it. */
export function inputChannel(joined: Joined): InputChannel {
  return openInputChannel(joined.room);
}

/**
 * Sends each intent on the input channel about every 16 ms (the browser's frame rate) and returns
 * exactly what was staged for each send, in order.
 */
export async function sendInputs(handle: InputChannel, intents: readonly InputIntent[]): Promise<InputIntent[]> {
  const sent: InputIntent[] = [];
  for (const intent of intents) {
    if (sendIntent(handle, intent) === 0) throw new Error("input not sent: connection closed");
    sent.push({ moveX: handle.data.moveX, moveY: handle.data.moveY, kick: handle.data.kick });
    await sleep(16);
  }
  return sent;
}

/** Waits until the server has processed every input sent on `handle`, then for a patch taken after that. */
export async function settleInputs(joined: Joined, handle: InputChannel): Promise<void> {
  await waitFor(() => handle.lastProcessed === handle.sentCount, `server to ack ${handle.sentCount} inputs (acked ${handle.lastProcessed})`);
  await patches(joined.room, 2);
}
