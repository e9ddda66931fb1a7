// The match phases as a union, and the one place each phase rule is decided (frozen, running, ball live).
export type MatchPhase = "waiting" | "countdown" | "playing" | "goal" | "ended";

/** Inputs are consumed but not applied and the world does not move: the 3-2-1 and the final whistle.
 * The client's reconciler asks the same question, so its replay freezes on exactly these ticks. */
export function isFrozenPhase(phase: string): boolean {
  return phase === "countdown" || phase === "ended";
}

/** A match is under way (settings locked, the host sees "Stop"): anything but warm-up and full time. */
export function isMatchRunning(phase: string): boolean {
  return phase !== "waiting" && phase !== "ended";
}

/** The ball is in play and a goal would be noticed: during play, and in warm-up (where it counts for nothing). */
export function isBallLive(phase: string): boolean {
  return phase === "playing" || phase === "waiting";
}
