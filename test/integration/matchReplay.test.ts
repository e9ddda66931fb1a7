// Integration test: a match played through the real room by real SDK clients replays bit-exactly from the commands the room recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";
import { cloneSim, replayLog } from "../../shared/match/replay.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { simBits } from "../helpers/matchSim.ts";
import { mulberry32, randomIntent } from "../helpers/prng.ts";
import {
  createMatch, inputChannel, joinMatch, leaveQuietly, patches, sendInputs, startTestServer, waitFor, type TestServer,
} from "../helpers/server.ts";
import { serverRoom } from "../helpers/serverRooms.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

/** Seeded inputs, with runs of one held direction (like keys) and a kick now and then. */
function scriptedIntents(seed: number, count: number): InputIntent[] {
  const random = mulberry32(seed);
  const intents: InputIntent[] = [];
  while (intents.length < count) {
    const held = random() < 0.3 ? { moveX: AXIS_MAX, moveY: 0, kick: true } : randomIntent(random);
    for (let i = 0; i < 20 && intents.length < count; i++) intents.push(held);
  }
  return intents;
}

describe("a match through the room", () => {
  it("ends in the same bits as its recorded command log replayed through the sim", async () => {
    const host = await createMatch(server.endpoint, { name: "Host", scoreLimit: 0, timeLimitSeconds: 0 });
    const friend = await joinMatch(server.endpoint, host.room.roomId, { name: "Friend" });
    const watcher = await joinMatch(server.endpoint, host.room.roomId, { name: "Watcher", spectate: true });
    try {
      const room = serverRoom(host.room.roomId);
      room.match.startRecording();
      host.room.send(ClientMessage.addBot, { team: "red" });
      host.room.send(ClientMessage.addBot, { team: "blue" });
      host.room.send(ClientMessage.startMatch, {});
      await waitFor(() => host.room.state.phase === "playing", "the countdown to end");
      // Both players send at the browser's rate while the spectator sends too (its inputs must change nothing).
      await Promise.all([
        sendInputs(inputChannel(host), scriptedIntents(1, 150)),
        sendInputs(inputChannel(friend), scriptedIntents(2, 150)),
        sendInputs(inputChannel(watcher), scriptedIntents(3, 60)),
      ]);
      host.room.send(ClientMessage.setTeam, { team: "spectator" });
      await patches(host.room, 4);
      // Taken in one synchronous block: the room cannot step between the two reads.
      const log = room.match.commandLog!;
      const recorded = { start: log.start, entries: log.entries.slice() };
      const roomEnd = cloneSim(room.match.sim);
      const published = [...room.state.players.entries()].map(([id, player]) => [id, player.team, player.x, player.y]);
      const steps = recorded.entries.filter((entry) => entry.kind === "step").length;
      expect(steps).toBeGreaterThan(300);
      expect(recorded.entries.some((entry) => entry.kind === "step" && (entry.inputs[friend.room.sessionId]?.length ?? 0) > 0)).toBe(true);
      const replayed = replayLog(recorded);
      expect(replayed.tick).toBe(roomEnd.tick);
      expect(simBits(replayed)).toBe(simBits(roomEnd));
      // And the schema the clients are sent holds exactly that state.
      expect(published).toEqual([...replayed.players.entries()].map(([id, player]) => [id, player.team, player.x, player.y]));
      expect(replayed.players.get(host.room.sessionId)?.team).toBe("spectator");
    } finally {
      await leaveQuietly(host, friend, watcher);
    }
  });
});
