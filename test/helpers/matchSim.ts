// Test helper: a match sim's exact fingerprint (every number to the last bit), and a scripted command log to run through it.
import { TICK_HZ } from "../../shared/constants.ts";
import type { InputIntent } from "../../shared/input.ts";
import type { MatchCommand } from "../../shared/match/commands.ts";
import type { CommandLog, LogEntry } from "../../shared/match/replay.ts";
import { cloneSim } from "../../shared/match/replay.ts";
import type { MatchSim } from "../../shared/match/sim.ts";
import { mulberry32, randomInt, randomIntent } from "./prng.ts";

/** The whole sim as text in which every number is written exactly (toString round-trips a double; -0 kept). */
export function simBits(sim: MatchSim): string {
  return JSON.stringify(sim, (_key, value: unknown) => {
    if (value instanceof Map) return [...value.entries()];
    if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
    return value;
  });
}

/**
 * A busy match as a command log: people join (one to the spectators), bots on both teams, a start,
 * then `steps` ticks of seeded random inputs — sometimes none, sometimes a burst over the input credit,
 * sometimes garbage axes — with a team change, a bot removal and a stop/restart on the way.
 */
export function scriptedLog(start: MatchSim, seed: number, steps: number): CommandLog {
  const random = mulberry32(seed);
  const people = ["ann", "bob", "cy", "dee"];
  const entries: LogEntry[] = [];
  const command = (made: MatchCommand) => entries.push({ kind: "command", command: made });
  command({ kind: "join", id: "ann", name: "Ann", spectate: false });
  command({ kind: "join", id: "bob", name: "Bob", spectate: false });
  command({ kind: "join", id: "cy", name: "Cy", spectate: false });
  command({ kind: "join", id: "dee", name: "Dee", spectate: true });
  command({ kind: "addBot", team: "red" });
  command({ kind: "addBot", team: "blue" });
  command({ kind: "start" });
  for (let tick = 0; tick < steps; tick++) {
    if (tick === Math.floor(steps / 4)) command({ kind: "setTeam", id: "cy", team: "spectator" });
    if (tick === Math.floor(steps / 3)) command({ kind: "removeBot" });
    if (tick === Math.floor(steps / 2)) command({ kind: "stop" });
    if (tick === Math.floor(steps / 2) + 30) command({ kind: "start" });
    const inputs: Record<string, InputIntent[]> = {};
    for (const id of people) {
      const count = randomInt(random, 0, 10) === 0 ? 0 : randomInt(random, 1, 3);
      inputs[id] = Array.from({ length: count }, () => {
        const intent = randomIntent(random);
        // Now and then a value no honest client sends: the sim must sanitise it the same way every time.
        if (random() < 0.02) intent.moveX = random() < 0.5 ? Number.NaN : 1e9;
        return intent;
      });
    }
    entries.push({ kind: "step", dt: 1 / TICK_HZ, inputs });
  }
  return { start: cloneSim(start), entries };
}
