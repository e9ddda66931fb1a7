// Publishes the match simulation's plain state into the replicated schema, once per tick and after each command.
// Why two copies: the schema's quantized setters snap every write, so stepping schema instances directly
// would round intermediate values that the client's replay (plain objects) does not. The sim runs on
// plain numbers exactly as the browser does, and only its snapped result is published.
import type { MatchSim } from "../../shared/match/sim.ts";
import { Player, type MatchState } from "../../shared/state.ts";

export class MatchPublisher {
  /** Per schema object, the values last written into it: only what the sim changed since is written again
   * (the room's own fields, e.g. a test's or the host's edit of the schema, are not overwritten every tick). */
  private readonly written = new WeakMap<object, Map<string, unknown>>();

  private set<T extends object, K extends keyof T & string>(target: T, key: K, value: T[K]): void {
    let memo = this.written.get(target);
    if (!memo) this.written.set(target, (memo = new Map()));
    if (memo.has(key) && Object.is(memo.get(key), value)) return;
    memo.set(key, value);
    target[key] = value;
  }

  publish(sim: MatchSim, state: MatchState): void {
    this.set(state, "phase", sim.phase);
    this.set(state, "phaseTicks", sim.phaseTicks);
    this.set(state, "elapsedTicks", sim.elapsedTicks);
    this.set(state, "goldenGoal", sim.goldenGoal);
    this.set(state, "scoreRed", sim.scoreRed);
    this.set(state, "scoreBlue", sim.scoreBlue);
    this.set(state, "lastGoalTeam", sim.lastGoalTeam);
    this.set(state, "lastScorerName", sim.lastScorerName);
    this.set(state, "winner", sim.winner);
    const settings = state.settings;
    this.set(settings, "roomName", sim.settings.roomName);
    this.set(settings, "playersPerTeam", sim.settings.playersPerTeam);
    this.set(settings, "scoreLimit", sim.settings.scoreLimit);
    this.set(settings, "timeLimitSeconds", sim.settings.timeLimitSeconds);
    state.players.forEach((_player, id) => { if (!sim.players.has(id)) state.players.delete(id); });
    for (const [id, body] of sim.players) {
      let player = state.players.get(id);
      if (!player) {
        player = new Player();
        state.players.set(id, player);
      }
      this.set(player, "name", body.name);
      this.set(player, "team", body.team);
      this.set(player, "isBot", body.isBot);
      this.set(player, "goals", body.goals);
      this.set(player, "joinedSeq", body.joinedSeq);
      this.set(player, "x", body.x);
      this.set(player, "y", body.y);
      this.set(player, "vx", body.vx);
      this.set(player, "vy", body.vy);
      this.set(player, "kicking", body.kicking);
      this.set(player, "kickCooldown", body.kickCooldown);
    }
    this.set(state.ball, "x", sim.ball.x);
    this.set(state.ball, "y", sim.ball.y);
    this.set(state.ball, "vx", sim.ball.vx);
    this.set(state.ball, "vy", sim.ball.vy);
  }
}
