// A match sim's fingerprint: 32-bit FNV-1a over its exact binary encoding (every number to the bit), recorded every second in a replay.
import { ByteWriter } from "./bytes.ts";
import { writePlain } from "./plainValue.ts";
import type { MatchSim } from "../match/sim.ts";

export function hashSim(sim: MatchSim): number {
  const out = new ByteWriter();
  writePlain(out, sim);
  return fnv1a(out.finish());
}

export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}
