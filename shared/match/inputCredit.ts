// The input credit: how many of a player's buffered inputs one tick may apply, so nobody runs faster than the tick rate.

/** At most this many buffered inputs are applied per player per tick, and only on credit: each tick
 * adds one, each applied input spends one, banked up to MAX_INPUT_CREDIT. Inputs that arrive late
 * (jitter) are caught up at two per tick for a few ticks; a client that sends faster than the tick
 * rate still gets one per tick on average, so it runs no faster than anyone else (without the credit,
 * 100 inputs/s moved a player at ~1.5× top speed: test/integration/hostile.test.ts). */
const MAX_INPUTS_PER_TICK = 2;
export const MAX_INPUT_CREDIT = 4;
/** The credit grows this much faster than the tick rate (≈ 61 inputs/s): room for a client whose clock
 * runs a little fast, so its backlog (and its input delay) never builds up; worth 1.6 % speed to a cheat. */
const INPUT_RATE_TOLERANCE = 1 / 64;

/** The credit after this tick's refill, and how many inputs it allows taking now. */
export function refillCredit(credit: number): { credit: number; allowed: number } {
  const refilled = Math.min(MAX_INPUT_CREDIT, credit + 1 + INPUT_RATE_TOLERANCE);
  return { credit: refilled, allowed: Math.min(MAX_INPUTS_PER_TICK, Math.floor(refilled)) };
}
