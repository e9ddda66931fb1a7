// Unit test: the match sim is deterministic end to end — one command log run twice ends bit-identical — and a replay tells nobody anything.
import { describe, expect, it } from "vitest";
import { TICK_HZ, TIMING } from "../../../../shared/constants.ts";
import { applyCommand } from "../../../../shared/match/commands.ts";
import { liveSink, REPLAY } from "../../../../shared/match/events.ts";
import { MAX_INPUT_CREDIT } from "../../../../shared/match/inputCredit.ts";
import { recordedQueue, replayLog } from "../../../../shared/match/replay.ts";
import { createMatchSim, type InputQueue } from "../../../../shared/match/sim.ts";
import { stepMatch } from "../../../../shared/match/step.ts";
import { scriptedLog, simBits } from "../../../helpers/matchSim.ts";

const DT = 1 / TICK_HZ;

describe("the match sim", () => {
  it("ends in bit-identical state when the same command log runs twice", () => {
    const log = scriptedLog(createMatchSim({ scoreLimit: 0, timeLimitSeconds: 0 }), 7, 3000);
    const first = replayLog(log);
    const second = replayLog(log);
    expect(simBits(second)).toBe(simBits(first));
    // The log really played a match: the ball left the centre and the sim counted every step.
    expect(first.tick).toBe(3000);
    expect(first.phase).toBe("playing");
    expect(first.players.get("cy")?.team).toBe("spectator");
    expect(simBits(first)).not.toBe(simBits(replayLog(scriptedLog(log.start, 8, 3000))));
  });

  it("reports goals, kickoffs and phase changes live, and nothing at all in a replay", () => {
    const log = scriptedLog(createMatchSim({ scoreLimit: 0, timeLimitSeconds: 0 }), 11, 6000);
    const live = liveSink();
    const sim = structuredClone(log.start);
    for (const entry of log.entries) {
      if (entry.kind === "command") applyCommand(sim, entry.command, live);
      else stepMatch(sim, { queueOf: (id) => recordedQueue(entry.inputs[id]) }, entry.dt, live);
    }
    const kinds = new Set(live.events.map((event) => event.kind));
    expect(kinds).toContain("kickoff");
    expect(kinds).toContain("phase");
    expect(kinds).toContain("matchStarted");
    expect(simBits(replayLog(log))).toBe(simBits(sim));
    expect(REPLAY.events).toEqual([]);
  });

  it("consumes but does not apply inputs during the countdown, and applies none faster than the credit allows", () => {
    const sim = createMatchSim();
    applyCommand(sim, { kind: "join", id: "ann", name: "Ann", spectate: false }, REPLAY);
    applyCommand(sim, { kind: "start" }, REPLAY);
    const spot = { x: sim.players.get("ann")!.x, y: sim.players.get("ann")!.y };
    const flood = floodQueue();
    for (let i = 0; i < TIMING.countdownTicks - 1; i++) stepMatch(sim, { queueOf: () => flood }, DT, REPLAY);
    expect(sim.phase).toBe("countdown");
    expect({ x: sim.players.get("ann")!.x, y: sim.players.get("ann")!.y }).toEqual(spot);
    const ticks = 600;
    const before = flood.taken;
    for (let i = 0; i < ticks; i++) stepMatch(sim, { queueOf: () => flood }, DT, REPLAY);
    // Ten inputs offered every tick; the credit lets about one a tick through (plus its small tolerance and bank).
    expect(flood.taken - before).toBeLessThanOrEqual(Math.ceil(ticks * (1 + 1 / 64)) + MAX_INPUT_CREDIT);
    expect(flood.taken - before).toBeGreaterThanOrEqual(ticks);
  });
});

/** A client that always has ten inputs waiting (full speed right). */
function floodQueue(): InputQueue & { taken: number } {
  const queue = {
    taken: 0,
    *take(max: number) {
      for (let i = 0; i < Math.min(max, 10); i++) {
        queue.taken += 1;
        yield { moveX: 127, moveY: 0, kick: false };
      }
    },
    drain() {},
  };
  return queue;
}
