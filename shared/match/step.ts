// One tick of the whole match: inputs (people's, on credit, and bots'), physics, goal credit, match flow.
//
// The order below is the contract every caller reproduces by calling this function and nothing else:
// the room's fixed step, a replay of a command log and the bench baseline. The client's reconciler
// replays only its own player's movement (applyPlayerInput) and asks isFrozenPhase like this step does.
import { botIntent, sightOfBall } from "../bot.ts";
import { sanitizeInput, type InputIntent } from "../input.ts";
import { recordGoal, stepMatchFlow } from "../matchFlow.ts";
import { applyPlayerInput, stepPhysics, type PlayerBody } from "../physics.ts";
import { kickoff, resetBall } from "./commands.ts";
import { emit, type EventSink } from "./events.ts";
import { refillCredit } from "./inputCredit.ts";
import { isBallLive, isFrozenPhase, type MatchPhase } from "./phase.ts";
import type { InputQueue, MatchSim } from "./sim.ts";
import { isPlayingTeam, type PlayingTeam } from "./teams.ts";

export interface StepInputs {
  /** The pending inputs of a person, or undefined when it has none (e.g. disconnected). */
  queueOf(id: string): InputQueue | undefined;
}

/** One input applied to one player, as the match rules allow it: sanitised, and not at all in a frozen
 * phase. The sim applies every input (people's and bots') through it, and the client's reconciler replays
 * its own inputs through it, so neither caller decides "frozen" or "sanitised" by itself. */
export function applyMatchInput(player: PlayerBody, input: InputIntent, phase: MatchPhase, dt: number): void {
  if (!isFrozenPhase(phase)) applyPlayerInput(player, sanitizeInput(input), dt);
}

/** Reused every step so the step does not allocate. */
const pitch: PlayerBody[] = [];
const pitchIds: string[] = [];

/** Advances the match by one fixed step of `dt` seconds. */
export function stepMatch(sim: MatchSim, inputs: StepInputs, dt: number, sink: EventSink): void {
  const phaseBefore = sim.phase;
  sim.tick += 1;
  const frozen = isFrozenPhase(sim.phase);
  // Bots see the ball as a client does: where it is, and how far it moved in the last step.
  const ballSight = sightOfBall(sim.ball, sim.ballBefore, 1);
  pitch.length = 0;
  pitchIds.length = 0;
  for (const [id, player] of sim.players) {
    if (player.isBot) {
      // Bots take the same path as people: an intent, sanitised, applied by the shared step.
      if (!frozen && isPlayingTeam(player.team)) applyMatchInput(player, botIntent(player, ballSight, player.team, player.botNumber), sim.phase, dt);
    } else {
      const queue = inputs.queueOf(id);
      if (!isPlayingTeam(player.team)) {
        // Spectators never change the world: whatever they send is consumed and dropped.
        queue?.drain();
        continue;
      }
      const { credit, allowed } = refillCredit(player.inputCredit);
      let taken = 0;
      if (queue) {
        for (const input of queue.take(allowed)) {
          taken += 1;
          applyMatchInput(player, input, sim.phase, dt);
        }
      }
      player.inputCredit = credit - taken;
    }
    if (!isPlayingTeam(player.team)) continue;
    pitch.push(player);
    pitchIds.push(id);
  }
  sim.ballBefore.x = sim.ball.x;
  sim.ballBefore.y = sim.ball.y;
  if (!frozen) {
    const events = stepPhysics({ players: pitch, ball: sim.ball }, dt);
    if (events.kickers.length > 0) sim.lastTouch = pitchIds[events.kickers[0]];
    if (events.goal) creditGoal(sim, events.goal, sink);
  }
  const action = stepMatchFlow(sim, sim.settings);
  if (action === "kickoff") kickoff(sim, sink);
  if (action === "ended") matchEnded(sim, sink);
  if (sim.phase !== phaseBefore) emit(sink, { kind: "phase", from: phaseBefore, to: sim.phase });
}

/** The ball crossed `team`'s target line: a goal for the last kicker's record (or an own goal), unless in warm-up. */
function creditGoal(sim: MatchSim, team: PlayingTeam, sink: EventSink): void {
  if (!isBallLive(sim.phase)) return;
  if (sim.phase === "waiting") {
    // Warm-up goals count for nothing: the ball goes back to the centre.
    resetBall(sim);
    return;
  }
  const scorer = sim.players.get(sim.lastTouch);
  const ownGoal = scorer !== undefined && scorer.team !== team;
  if (scorer && !ownGoal) scorer.goals += 1;
  sim.lastScorerName = scorer ? `${scorer.name}${ownGoal ? " (own goal)" : ""}` : "";
  const action = recordGoal(sim, sim.settings, team);
  emit(sink, {
    kind: "goal", team, scorer: scorer ? sim.lastTouch : "", scorerName: sim.lastScorerName,
    scoreRed: sim.scoreRed, scoreBlue: sim.scoreBlue,
  });
  if (action === "ended") matchEnded(sim, sink);
}

function matchEnded(sim: MatchSim, sink: EventSink): void {
  if (sim.winner === "") return;
  emit(sink, { kind: "matchEnded", winner: sim.winner, scoreRed: sim.scoreRed, scoreBlue: sim.scoreBlue });
}
