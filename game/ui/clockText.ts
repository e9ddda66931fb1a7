// What the match clock reads: time left (or played), golden-goal overtime, and the final time once the whistle has gone.
import { TICK_HZ } from "../../shared/constants.ts";
import { clockSeconds, type MatchClock, type MatchRules } from "../../shared/matchFlow.ts";

export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function clockText(match: MatchClock, rules: MatchRules): string {
  const played = Math.floor(match.elapsedTicks / TICK_HZ);
  const limit = rules.timeLimitSeconds;
  // Golden goal runs past the limit: show the limit and the overtime played.
  const overtime = limit > 0 && played > limit ? ` +${formatClock(played - limit)}` : "";
  if (match.phase === "ended") return `Full time ${formatClock(limit > 0 ? Math.min(played, limit) : played)}${overtime}`;
  if (match.goldenGoal) return `Golden goal${overtime}`;
  return formatClock(clockSeconds(match, rules));
}
