// Test helper: a tiny seeded PRNG (mulberry32) and random player inputs drawn from it, so scripted inputs are reproducible.
import { AXIS_MAX, type InputIntent } from "../../shared/input.ts";

/** Returns a function giving uniform floats in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], inclusive. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A random full-range input (axes in [-AXIS_MAX, AXIS_MAX], kick about a quarter of the time). */
export function randomIntent(random: () => number): InputIntent {
  return {
    moveX: randomInt(random, -AXIS_MAX, AXIS_MAX),
    moveY: randomInt(random, -AXIS_MAX, AXIS_MAX),
    kick: random() < 0.25,
  };
}
