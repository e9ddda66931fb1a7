// Integration test: honest players sending 60 inputs/s survive a 1 s and a 5 s stop of the server process and a 5 s stall of their own network with seat, team, score and host intact, while a flood from one socket costs only that socket, whose seat is held for its reconnection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendIntent } from "../../game/net/inputChannel.ts";
import { CLOSE } from "../../shared/constants.ts";
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";
import { startServerProcess, type ServerProcess } from "../helpers/processes.ts";
import { createMatch, freePort, inputChannel, joinMatch, leaveQuietly, sleep, waitFor, type Joined } from "../helpers/server.ts";
import { startTcpProxy, type TcpProxy } from "../../harness/tcpProxy.ts";

const FRAME_MS = 1000 / 60;
/** The SDK reconnects by itself only once a room has been joined this long (its reconnection.minUptime). */
const SDK_MIN_UPTIME_MS = 5000;

let server: ServerProcess;
let proxy: TcpProxy;
beforeAll(async () => {
  server = await startServerProcess(await freePort());
  proxy = await startTcpProxy(server.port);
});
afterAll(async () => {
  await proxy?.close();
  await server?.kill();
});

/** Sends `script()` on the reliable input channel every frame (60/s) until stopped. */
function sendEveryFrame(joined: Joined, script: () => InputIntent): () => void {
  const handle = inputChannel(joined);
  const timer = setInterval(() => sendIntent(handle, script()), FRAME_MS);
  return () => clearInterval(timer);
}

interface Seat { sessionId: string; team: string; goals: number; connected: boolean }

/** What `observer` decodes about `player`'s seat, plus the room's score and host. */
function seatOf(observer: Joined, player: Joined): { seat: Seat | null; score: [number, number]; hostId: string } {
  const state = observer.room.state;
  const p = state.players.get(player.room.sessionId);
  return {
    seat: p ? { sessionId: player.room.sessionId, team: p.team, goals: p.goals, connected: p.connected } : null,
    score: [state.scoreRed, state.scoreBlue],
    hostId: state.hostId,
  };
}

describe("stalls", () => {
  let ann: Joined;
  let bob: Joined;
  let stopAnn: () => void;
  let stopBob: () => void;
  let before: ReturnType<typeof seatOf>[];
  const drops: string[] = [];

  beforeAll(async () => {
    ann = await createMatch(server.endpoint, { name: "Ann", playersPerTeam: 1, scoreLimit: 10 });
    // Bob plays through the proxy so his own network can stall.
    bob = await joinMatch(proxy.endpoint, ann.room.roomId, { name: "Bob" });
    ann.room.onDrop(() => drops.push("Ann"));
    bob.room.onDrop(() => drops.push("Bob"));
    ann.room.send("startMatch");
    await waitFor(() => ann.room.state.phase === "playing", "kickoff", 15_000);
    // Ann (red, on the centre line's left, level with the ball) runs right with kick held: the ball goes
    // straight into the right goal. Bob steps up out of the way. Then both wobble in place, still 60/s.
    let frame = 0;
    stopAnn = sendEveryFrame(ann, () => {
      frame += 1;
      if (ann.room.state.scoreRed === 0) return { moveX: AXIS_MAX, moveY: 0, kick: true };
      return { moveX: frame % 40 < 20 ? 40 : -40, moveY: 0, kick: false };
    });
    stopBob = sendEveryFrame(bob, () => ({ moveX: 0, moveY: bob.room.state.scoreRed === 0 ? -AXIS_MAX : (frame % 40 < 20 ? 40 : -40), kick: false }));
    await waitFor(() => bob.room.state.scoreRed === 1 && bob.room.state.phase === "playing", "Ann's goal, then play again", 25_000);
    before = [seatOf(bob, ann), seatOf(ann, bob)];
    expect(before[0].seat).toMatchObject({ team: "red", goals: 1, connected: true });
    expect(before[1].seat).toMatchObject({ team: "blue", goals: 0, connected: true });
    expect(before[0].hostId).toBe(ann.room.sessionId);
  }, 60_000);
  afterAll(async () => {
    stopAnn?.();
    stopBob?.();
    await leaveQuietly(...[ann, bob].filter(Boolean));
  });

  /** Both still in the room on the same connection, and each decodes the other's seat, the score and the host unchanged. */
  async function expectNothingLost(what: string): Promise<void> {
    // The server answers again: a fresh patch with a later tick reaches both.
    const tick = ann.room.state.tick;
    const closed = (): boolean => ann.leftWith !== null || bob.leftWith !== null;
    await waitFor(() => closed() || (ann.room.state.tick > tick + 30 && bob.room.state.tick > tick + 30), `patches after the ${what}`, 20_000);
    expect([ann.leftWith, bob.leftWith]).toEqual([null, null]);
    expect(drops).toEqual([]);
    expect([seatOf(bob, ann), seatOf(ann, bob)]).toEqual(before);
  }

  for (const seconds of [1, 5]) {
    it(`survive a ${seconds} s stop of the server process (SIGSTOP … SIGCONT)`, async () => {
      server.child.kill("SIGSTOP");
      await sleep(seconds * 1000);
      server.child.kill("SIGCONT");
      await expectNothingLost(`${seconds} s server stop`);
    }, 40_000);
  }

  it("survive a 5 s stall of one player's own network", async () => {
    proxy.pause(true);
    await sleep(5000);
    proxy.pause(false);
    await expectNothingLost("5 s network stall");
    // And Bob's inputs still count: he is moving again as the server sees him.
    const y = bob.room.state.players.get(bob.room.sessionId)!.y;
    await waitFor(() => ann.room.state.players.get(bob.room.sessionId)!.y !== y || ann.room.state.phase !== "playing", "Bob's inputs to move him");
  }, 40_000);

  it("a flood from one socket throttles and then closes only that socket, and holds its seat for a reconnection", async () => {
    const mallory = await joinMatch(server.endpoint, ann.room.roomId, { name: "Mallory", spectate: true });
    let closedWith: number | null = null;
    mallory.room.onDrop((code) => { closedWith = code; });
    await sleep(SDK_MIN_UPTIME_MS + 500);
    let sent = 0;
    while (closedWith === null && sent < 100_000) {
      mallory.room.send("setTeam", { team: "spectator" });
      sent += 1;
      if (sent % 200 === 0) await sleep(1);
    }
    await waitFor(() => closedWith !== null, "the flooder to be closed");
    expect(closedWith).toBe(CLOSE.tooFast);
    // Its seat is held (the others see it reconnecting), and the SDK takes it back.
    await waitFor(() => mallory.room.connection.isOpen && ann.room.state.players.get(mallory.room.sessionId)?.connected === true, "Mallory back in her seat", 20_000);
    await expectNothingLost("flood");
    await leaveQuietly(mallory);
  }, 60_000);
});
