// Plays a replay file's records through the match sim again (isReplay: events silenced): forward step by step,
// back by restoring a kept copy and stepping on, and checks every recorded hash on the way.
import { TICK_HZ } from "../constants.ts";
import { applyCommand } from "../match/commands.ts";
import { REPLAY } from "../match/events.ts";
import { cloneSim, recordedQueue } from "../match/replay.ts";
import type { MatchSim } from "../match/sim.ts";
import { stepMatch } from "../match/step.ts";
import type { PlayingTeam } from "../match/teams.ts";
import type { ReplayData } from "./replayFile.ts";
import { hashSim } from "./simHash.ts";

/** A copy of the sim kept every this many steps, so a seek never re-runs more than that (5 s at 60 Hz). */
const KEYFRAME_STEPS = 300;

export interface ReplayGoalMark {
  /** Steps from the start of the replay after which the score changed. */
  step: number;
  team: PlayingTeam;
  scorerName: string;
  scoreRed: number;
  scoreBlue: number;
}

export interface HashMismatch {
  tick: number;
  recorded: number;
  replayed: number;
}

interface Keyframe {
  step: number;
  record: number;
  /** Steps of that record already run. */
  within: number;
  sim: MatchSim;
}

export class ReplayRun {
  readonly data: ReplayData;
  sim: MatchSim;
  /** Steps run from the start. */
  step = 0;
  /** Recorded hashes the replay did not reproduce (empty when the sim is the one that recorded it). */
  readonly mismatches: HashMismatch[] = [];
  /** The recorded ticks whose hash was checked. */
  readonly checkedTicks = new Set<number>();
  private record = 0;
  private within = 0;
  private readonly keyframes: Keyframe[] = [];

  constructor(data: ReplayData) {
    this.data = data;
    this.sim = cloneSim(data.start);
    this.keyframes.push({ step: 0, record: 0, within: 0, sim: cloneSim(this.sim) });
  }

  get totalSteps(): number {
    return this.data.steps;
  }

  /** Runs records until `target` steps have been run (or the end), then any commands that follow the last step. */
  seek(target: number): void {
    const goal = Math.max(0, Math.min(this.data.steps, Math.floor(target)));
    // Back in time, or far ahead past a kept copy: start from the nearest copy at or before the goal.
    const nearest = this.nearestKeyframe(goal);
    if (goal < this.step || nearest.step > this.step) this.restore(nearest);
    while (this.record < this.data.records.length) {
      const entry = this.data.records[this.record]!;
      if (entry.kind !== "step") {
        this.record += 1;
        if (entry.kind === "command") applyCommand(this.sim, entry.command, REPLAY);
        else this.check(entry.tick, entry.hash);
        continue;
      }
      if (this.step >= goal) break;
      const inputs = entry.inputs;
      stepMatch(this.sim, { queueOf: (id) => recordedQueue(inputs[id]) }, entry.dt, REPLAY);
      this.step += 1;
      this.within += 1;
      if (this.within === entry.count) {
        this.record += 1;
        this.within = 0;
      }
      if (this.step % KEYFRAME_STEPS === 0 && !this.keyframes.some((frame) => frame.step === this.step)) {
        this.keyframes.push({ step: this.step, record: this.record, within: this.within, sim: cloneSim(this.sim) });
      }
    }
  }

  private nearestKeyframe(goal: number): Keyframe {
    let best = this.keyframes[0]!;
    for (const frame of this.keyframes) if (frame.step <= goal && frame.step > best.step) best = frame;
    return best;
  }

  private restore(best: Keyframe): void {
    this.sim = cloneSim(best.sim);
    this.step = best.step;
    this.record = best.record;
    this.within = best.within;
  }

  private check(tick: number, recorded: number): void {
    // Seeking back runs a hash record again: judge each recorded tick once.
    if (this.checkedTicks.has(tick)) return;
    this.checkedTicks.add(tick);
    // A hash taken at another tick than the replay stands at is a mismatch too (replayed -1).
    const replayed = this.sim.tick === tick ? hashSim(this.sim) : -1;
    if (replayed !== recorded) this.mismatches.push({ tick, recorded, replayed });
  }
}

/** Every goal in the replay, found by running it (the score is the sim's, not a recorded claim), and everyone who
 * played on a team (sampled each second). Leaves the run at the end, every hash checked and every keyframe kept. */
export function scanReplay(run: ReplayRun): { goals: ReplayGoalMark[]; players: Map<string, string> } {
  run.seek(0);
  const goals: ReplayGoalMark[] = [];
  const players = new Map<string, string>();
  let red = run.sim.scoreRed;
  let blue = run.sim.scoreBlue;
  for (let step = 1; step <= run.totalSteps; step++) {
    run.seek(step);
    const { scoreRed, scoreBlue, lastScorerName } = run.sim;
    if (scoreRed > red || scoreBlue > blue) {
      goals.push({ step, team: scoreRed > red ? "red" : "blue", scorerName: lastScorerName, scoreRed, scoreBlue });
    }
    red = scoreRed;
    blue = scoreBlue;
    if (step % TICK_HZ === 1) {
      for (const [id, player] of run.sim.players) if (player.team !== "spectator") players.set(id, player.name);
    }
  }
  return { goals, players };
}
