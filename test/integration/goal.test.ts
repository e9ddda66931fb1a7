// Integration test: a real match — the host starts it, the countdown runs out, a steering bot drives the ball into the goal, and both clients see the score change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD, TIMING, TICK_HZ } from "../../shared/constants.ts";
import { AXIS_MAX } from "../../shared/input.ts";
import { kickoffSpot } from "../../shared/kickoff.ts";
import {
  createMatch, inputChannel, joinMatch, leaveQuietly, sendInputs, startTestServer, waitFor, type TestServer,
} from "../helpers/server.ts";
import { driveIntoGoal, ownPlayer } from "../helpers/steer.ts";
import { replayToEnd } from "../helpers/history.ts";
import { INSTANT_LEAD_SECONDS } from "../../server/replays/instantReplay.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

describe("a goal", () => {
  it("changes the score both clients see", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    try {
      await waitFor(() => ann.room.state.players.size === 2, "both players");
      expect(ownPlayer(ann).team).toBe("red");
      expect(ownPlayer(bob).team).toBe("blue");

      // Only the host may start: Bob's attempt is refused with a notice.
      bob.room.send("startMatch");
      await waitFor(() => bob.notices.length > 0, "a notice for Bob");
      expect(bob.notices[0].level).toBe("error");
      expect(ann.room.state.phase).toBe("waiting");

      ann.room.send("startMatch");
      await waitFor(() => ann.room.state.phase === "countdown" && bob.room.state.phase === "countdown", "the countdown");
      // Kickoff formation: everyone on their spot, ball on the centre spot, score cleared.
      expect({ x: ownPlayer(ann).x, y: ownPlayer(ann).y }).toEqual(kickoffSpot("red", 0));
      expect({ x: ownPlayer(bob).x, y: ownPlayer(bob).y }).toEqual(kickoffSpot("blue", 0));
      expect({ x: ann.room.state.ball.x, y: ann.room.state.ball.y }).toEqual({ x: FIELD.width / 2, y: FIELD.height / 2 });
      await waitFor(
        () => ann.room.state.phase === "playing" && bob.room.state.phase === "playing",
        "play to start after the countdown",
        (TIMING.countdownTicks / TICK_HZ) * 1000 + 5_000,
      );
      expect([ann.room.state.scoreRed, ann.room.state.scoreBlue]).toEqual([0, 0]);

      // Bob steps out of the way (up the pitch), while Ann's bot attacks the right goal (red attacks x = 1000).
      const bobClears = sendInputs(inputChannel(bob), Array.from({ length: 90 }, () => ({ moveX: 0, moveY: -AXIS_MAX, kick: false })));
      await driveIntoGoal(ann);
      await bobClears;

      await waitFor(() => bob.room.state.scoreRed === 1, "Bob to see the goal");
      for (const view of [ann, bob]) {
        const state = view.room.state;
        expect([state.scoreRed, state.scoreBlue]).toEqual([1, 0]);
        expect(state.lastGoalTeam).toBe("red");
        expect(state.lastScorerName).toBe("Ann");
        expect(state.phase).toBe("goal");
        expect(state.players.get(ann.room.sessionId)?.goals).toBe(1);
      }
      // Both pages get the run-up as an instant replay: re-simulated, it reaches the goal and the state the room hashed.
      await waitFor(() => ann.instantReplays.length === 1 && bob.instantReplays.length === 1, "the instant replay on both pages");
      expect(bob.instantReplays[0]).toEqual(ann.instantReplays[0]);
      const { data, run } = replayToEnd(bob.instantReplays[0]!);
      expect(data.steps).toBeGreaterThanOrEqual(INSTANT_LEAD_SECONDS * TICK_HZ);
      expect(data.steps).toBeLessThan((INSTANT_LEAD_SECONDS + 2) * TICK_HZ);
      expect([run.sim.scoreRed, run.sim.scoreBlue, run.sim.phase]).toEqual([1, 0, "goal"]);
      expect(run.checkedTicks.size).toBe(1);
      expect(run.mismatches).toEqual([]);
      expect(data.start.scoreRed).toBe(0);
      // Everyone is told in the chat.
      await waitFor(() => bob.chat.some((line) => line.system && line.text.startsWith("GOAL for red")), "the goal announcement");
      // After the celebration, a new kickoff countdown with the ball back on the centre spot.
      await waitFor(() => bob.room.state.phase === "countdown", "the kickoff after the goal", 5_000);
      expect({ x: bob.room.state.ball.x, y: bob.room.state.ball.y }).toEqual({ x: FIELD.width / 2, y: FIELD.height / 2 });
      expect(bob.room.state.scoreRed).toBe(1);
    } finally {
      await leaveQuietly(ann, bob);
    }
  });
});
