// Integration test: a real match — the host starts it, the countdown runs out, a steering bot drives the ball into the goal, and both clients see the score change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendIntent } from "../../game/net/inputChannel.ts";
import { BALL, FIELD, PLAYER, TIMING, TICK_HZ } from "../../shared/constants.ts";
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";
import { kickoffSpot } from "../../shared/kickoff.ts";
import type { Body } from "../../shared/physics.ts";
import type { Player } from "../../shared/state.ts";
import {
  createMatch, inputChannel, joinMatch, leaveQuietly, sendInputs, sleep, startTestServer, waitFor,
  type Joined, type TestServer,
} from "../helpers/server.ts";

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.stop(); });

const BEHIND = PLAYER.radius + BALL.radius + 8;

/**
 * A simple steering bot: get behind the ball on the line from the goal, going round the ball if
 * standing on the wrong side of it, then run through the ball towards the goal holding kick.
 */
function steer(me: Body, ball: Body, goal: { x: number; y: number }): InputIntent {
  const toGoalX = goal.x - ball.x;
  const toGoalY = goal.y - ball.y;
  const toGoal = Math.hypot(toGoalX, toGoalY) || 1;
  const ux = toGoalX / toGoal;
  const uy = toGoalY / toGoal;
  // My position relative to the ball, along the shot line (negative = behind the ball) and across it.
  const along = (me.x - ball.x) * ux + (me.y - ball.y) * uy;
  const across = (me.x - ball.x) * -uy + (me.y - ball.y) * ux;
  let targetX: number;
  let targetY: number;
  let kick = false;
  if (along < -BEHIND * 0.5 && Math.abs(across) < 8) {
    // Lined up: drive through the ball, kick held.
    targetX = ball.x + ux * 40;
    targetY = ball.y + uy * 40;
    kick = true;
  } else if (along > -BEHIND * 0.5) {
    // Wrong side: swing round the ball on my side of the line, well clear of it.
    const side = across >= 0 ? 1 : -1;
    targetX = ball.x - ux * BEHIND * 1.5 - uy * side * BEHIND * 1.5;
    targetY = ball.y - uy * BEHIND * 1.5 + ux * side * BEHIND * 1.5;
  } else {
    targetX = ball.x - ux * BEHIND;
    targetY = ball.y - uy * BEHIND;
  }
  const dx = targetX - me.x;
  const dy = targetY - me.y;
  const distance = Math.hypot(dx, dy);
  const scale = distance > 2 ? AXIS_MAX / distance : 0;
  return { moveX: Math.trunc(dx * scale), moveY: Math.trunc(dy * scale), kick };
}

function me(joined: Joined): Player {
  const player = joined.room.state.players.get(joined.room.sessionId);
  if (!player) throw new Error("own player missing");
  return player;
}

describe("a goal", () => {
  it("changes the score both clients see", async () => {
    const ann = await createMatch(server.endpoint, { name: "Ann" });
    const bob = await joinMatch(server.endpoint, ann.room.roomId, { name: "Bob" });
    try {
      await waitFor(() => ann.room.state.players.size === 2, "both players");
      expect(me(ann).team).toBe("red");
      expect(me(bob).team).toBe("blue");

      // Only the host may start: Bob's attempt is refused with a notice.
      bob.room.send("startMatch");
      await waitFor(() => bob.notices.length > 0, "a notice for Bob");
      expect(bob.notices[0].level).toBe("error");
      expect(ann.room.state.phase).toBe("waiting");

      ann.room.send("startMatch");
      await waitFor(() => ann.room.state.phase === "countdown" && bob.room.state.phase === "countdown", "the countdown");
      // Kickoff formation: everyone on their spot, ball on the centre spot, score cleared.
      expect({ x: me(ann).x, y: me(ann).y }).toEqual(kickoffSpot("red", 0));
      expect({ x: me(bob).x, y: me(bob).y }).toEqual(kickoffSpot("blue", 0));
      expect({ x: ann.room.state.ball.x, y: ann.room.state.ball.y }).toEqual({ x: FIELD.width / 2, y: FIELD.height / 2 });
      await waitFor(
        () => ann.room.state.phase === "playing" && bob.room.state.phase === "playing",
        "play to start after the countdown",
        (TIMING.countdownTicks / TICK_HZ) * 1000 + 5_000,
      );
      expect([ann.room.state.scoreRed, ann.room.state.scoreBlue]).toEqual([0, 0]);

      // Bob steps out of the way (up the pitch), while Ann's bot attacks the right goal (red attacks x = 1000).
      const bobClears = sendInputs(inputChannel(bob), Array.from({ length: 90 }, () => ({ moveX: 0, moveY: -AXIS_MAX, kick: false })));
      const annInput = inputChannel(ann);
      const goal = { x: FIELD.width + FIELD.goalDepth / 2, y: FIELD.height / 2 };
      const deadline = Date.now() + 20_000;
      while (ann.room.state.scoreRed === 0 && ann.room.state.scoreBlue === 0) {
        if (Date.now() > deadline) throw new Error(`no goal in 20 s; ball at ${ann.room.state.ball.x}, ${ann.room.state.ball.y}`);
        sendIntent(annInput, steer(me(ann), ann.room.state.ball, goal));
        await sleep(16);
      }
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
