// Integration test: movement through a real server and SDK clients — roles on join, inputs move only the sender, the server's positions equal the shared step's replay, spectators change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AXIS_MAX, sanitizeInput, type InputIntent } from "../../shared/input.ts";
import { kickoffSpot } from "../../shared/kickoff.ts";
import { applyPlayerInput, type PlayerBody } from "../../shared/physics.ts";
import type { MatchState, Player } from "../../shared/state.ts";
import { mulberry32, randomInt } from "../helpers/prng.ts";
import {
  createMatch, inputChannel, joinMatch, leaveQuietly, patches, sendInputs, settleInputs, startTestServer, waitFor,
  type Joined, type TestServer,
} from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

function playerOf(state: MatchState, sessionId: string): Player {
  const player = state.players.get(sessionId);
  if (!player) throw new Error(`no player ${sessionId} in state`);
  return player;
}

function bodyOf(player: Player): PlayerBody {
  return { x: player.x, y: player.y, vx: player.vx, vy: player.vy, kicking: player.kicking, kickCooldown: player.kickCooldown };
}

/** What every client sees of a player: velocity is sent only to its owner (a StateView field). */
function seenByAll(player: Player): { x: number; y: number; kicking: boolean } {
  return { x: player.x, y: player.y, kicking: player.kicking };
}

function worldSnapshot(state: MatchState): string {
  const players: Record<string, unknown> = {};
  state.players.forEach((p, id) => { players[id] = { team: p.team, x: p.x, y: p.y, kicking: p.kicking }; });
  const { x, y } = state.ball;
  return JSON.stringify({ players, ball: { x, y } });
}

/** A red host and a blue guest in a fresh room, both having seen each other. */
async function twoPlayers(): Promise<[Joined, Joined]> {
  const host = await createMatch(server.endpoint, { name: "Ann" });
  const guest = await joinMatch(server.endpoint, host.room.roomId, { name: "Bob" });
  await waitFor(() => host.room.state.players.size === 2 && guest.room.state.players.size === 2, "both clients to see two players");
  return [host, guest];
}

describe("movement", () => {
  it("seats the first player as host on red and the second on blue, at their kickoff spots", async () => {
    const [host, guest] = await twoPlayers();
    try {
      for (const view of [host, guest]) {
        const state = view.room.state;
        expect(state.hostId).toBe(host.room.sessionId);
        const ann = playerOf(state, host.room.sessionId);
        const bob = playerOf(state, guest.room.sessionId);
        expect([ann.name, ann.team]).toEqual(["Ann", "red"]);
        expect([bob.name, bob.team]).toEqual(["Bob", "blue"]);
        expect({ x: ann.x, y: ann.y }).toEqual(kickoffSpot("red", 0));
        expect({ x: bob.x, y: bob.y }).toEqual(kickoffSpot("blue", 0));
      }
      expect(host.room.state.phase).toBe("waiting");
    } finally {
      await leaveQuietly(host, guest);
    }
  });

  it("moves only the player whose client sent the inputs", async () => {
    const [host, guest] = await twoPlayers();
    try {
      const annStart = bodyOf(playerOf(host.room.state, host.room.sessionId));
      const bobStart = seenByAll(playerOf(host.room.state, guest.room.sessionId));
      const ballStart = { ...host.room.state.ball.toJSON() };
      // Ann runs left and up, away from Bob and the ball.
      const handle = inputChannel(host);
      await sendInputs(handle, Array.from({ length: 40 }, () => ({ moveX: -AXIS_MAX, moveY: -40, kick: false })));
      await settleInputs(host, handle);
      await patches(guest.room, 2);

      for (const view of [host, guest]) {
        const ann = playerOf(view.room.state, host.room.sessionId);
        const bob = playerOf(view.room.state, guest.room.sessionId);
        expect(ann.x).toBeLessThan(annStart.x - 50);
        expect(ann.y).toBeLessThan(annStart.y);
        expect(seenByAll(bob)).toEqual(bobStart);
        expect(view.room.state.ball.toJSON()).toEqual(ballStart);
      }
      // Ann's velocity reaches Ann's client (her reconciler replays from it) and nobody else's.
      expect(playerOf(host.room.state, host.room.sessionId).vx).toBeLessThan(0);
      expect(playerOf(guest.room.state, host.room.sessionId).vx ?? 0).toBe(0);
    } finally {
      await leaveQuietly(host, guest);
    }
  });

  it("puts the player exactly where the shared step puts it for the same inputs", async () => {
    const [host, guest] = await twoPlayers();
    try {
      const start = bodyOf(playerOf(host.room.state, host.room.sessionId));
      // Scripted inputs from a seeded generator: held for a few frames, then changed, with kicks and
      // diagonals (which the server must normalise exactly like sanitizeInput). A guard steers Ann back
      // whenever the script would take her towards the ball or Bob, so nothing but inputs moves her.
      const random = mulberry32(2024);
      const preview = { ...start };
      const intents: InputIntent[] = [
        // A diagonal, then a change of one axis only: the input channel sends just the changed field.
        { moveX: -AXIS_MAX, moveY: AXIS_MAX, kick: false },
        { moveX: -AXIS_MAX, moveY: 0, kick: false },
        { moveX: AXIS_MAX, moveY: -AXIS_MAX, kick: true },
        { moveX: AXIS_MAX, moveY: 0, kick: true },
      ];
      let held: InputIntent = { moveX: 0, moveY: 0, kick: false };
      for (const intent of intents) applyPlayerInput(preview, sanitizeInput({ ...intent }), 1 / 60);
      while (intents.length < 150) {
        if (random() < 0.2) {
          held = { moveX: randomInt(random, -AXIS_MAX, AXIS_MAX), moveY: randomInt(random, -AXIS_MAX, AXIS_MAX), kick: random() < 0.3 };
        }
        const intent = preview.x > 330 ? { ...held, moveX: -AXIS_MAX } : { ...held };
        intents.push(intent);
        applyPlayerInput(preview, sanitizeInput({ ...intent }), 1 / 60);
      }

      const handle = inputChannel(host);
      const sent = await sendInputs(handle, intents);
      await settleInputs(host, handle);
      expect(handle.sentCount).toBe(intents.length);

      // Replay what was sent through the shared code, the way the server does: sanitise, then step.
      const replay: PlayerBody = { ...start };
      for (const input of sent) applyPlayerInput(replay, sanitizeInput({ ...input }), handle.stepSeconds ?? 1 / 60);
      const ann = playerOf(host.room.state, host.room.sessionId);
      expect({ x: ann.x, y: ann.y }).toEqual({ x: replay.x, y: replay.y });
      expect({ vx: ann.vx, vy: ann.vy }).toEqual({ vx: replay.vx, vy: replay.vy });
      // Sanity: she really moved, and the guest's view agrees bit for bit.
      expect(Math.hypot(ann.x - start.x, ann.y - start.y)).toBeGreaterThan(20);
      await patches(guest.room, 2);
      const seenByGuest = playerOf(guest.room.state, host.room.sessionId);
      expect({ x: seenByGuest.x, y: seenByGuest.y }).toEqual({ x: replay.x, y: replay.y });
    } finally {
      await leaveQuietly(host, guest);
    }
  });

  it("ignores a spectator's inputs: nothing in the world changes", async () => {
    const [host, guest] = await twoPlayers();
    const spectator = await joinMatch(server.endpoint, host.room.roomId, { name: "Eve", spectate: true });
    try {
      await waitFor(() => host.room.state.players.size === 3, "the spectator to appear");
      expect(playerOf(spectator.room.state, spectator.room.sessionId).team).toBe("spectator");
      await patches(spectator.room, 2);
      const before = worldSnapshot(spectator.room.state);
      const tickBefore = spectator.room.state.tick;

      const handle = inputChannel(spectator);
      const intents = Array.from({ length: 60 }, (_, i) => ({ moveX: i % 2 === 0 ? AXIS_MAX : -AXIS_MAX, moveY: AXIS_MAX, kick: true }));
      await sendInputs(handle, intents);
      // The server did receive and consume them (acked)...
      await settleInputs(spectator, handle);
      // ...and the world is exactly as it was, seen from every client, while the clock ran on.
      expect(spectator.room.state.tick).toBeGreaterThan(tickBefore);
      await patches(host.room, 2);
      expect(worldSnapshot(spectator.room.state)).toBe(before);
      expect(worldSnapshot(host.room.state)).toBe(before);
      expect(spectator.leftWith).toBeNull();
    } finally {
      await leaveQuietly(host, guest, spectator);
    }
  });
});
