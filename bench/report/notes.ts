// The method notes and miss explanations printed under a run's tables, worded from that run's own figures.
import { round } from "../lib/stats.ts";
import type { BenchResults, TargetCheck } from "./resultTypes.ts";

type Measured = Omit<BenchResults, "targets" | "notes" | "finishedAt" | "durationSeconds">;

function missed(targets: readonly TargetCheck[], prefix: string): boolean {
  return targets.some((target) => target.target.startsWith(prefix) && target.pass === false);
}

export function methodNotes(results: Measured, targets: readonly TargetCheck[]): string[] {
  const { bandwidth, capacity, machine } = results;
  const notes = [
    `Everything ran on this one ${machine.cores}-core machine: the server under test, ${results.mode === "tiny" ? "one bot process" : "several bot processes"} (headless @colyseus/sdk clients, one module bench/bots/reboundBot.ts) and Chromium. `
      + "Bots steer with shared/bot.ts (chase the ball) and send one input per 16.7 ms step; capacity steps where the whole machine was busy are marked `machine`: there the server was starved, not saturated.",
    "Bytes are counted on each client's TCP socket (WebSocket frames with their headers, pings and pongs; TCP/IP headers excluded).",
    "Server CPU is user + system time from /proc for the server process, as a % of one core; step and patch times come from the server's own GET /metrics.",
  ];
  const perPatch = bandwidth.snapshotsPerClientPerSecond > 0 ? bandwidth.bytesDownPerClientPerSecond / bandwidth.snapshotsPerClientPerSecond : Number.NaN;
  if (missed(targets, "Download per client")) {
    notes.push(`Download misses 3 KB/s: each of the ${round(bandwidth.snapshotsPerClientPerSecond, 1)} patches/s carries about ${round(perPatch, 0)} bytes on the wire with all 8 players moving; `
      + "3 KB/s at 30 Hz leaves about 100 bytes per patch (headers and the TIMED stamp included).");
  }
  if (missed(targets, "1,000 players")) {
    notes.push(`Capacity misses 1,000 players per core: each extra player costs the server about ${round(capacity.marginalCpuMsPerClientSecond, 2)} ms of CPU per second `
      + `(an idle server ${round(capacity.idleCpuPercent, 2)} % of a core), so one core serves about ${Number.isFinite(capacity.projectedPlayersPerCore) ? Math.round(capacity.projectedPlayersPerCore) : "?"} players `
      + `with its fixed step on time (${capacity.projection}). `
      + "Not measured by this run — a one-off CPU profile (node --cpu-prof, 2026-11-23, 200 bots, after the quantized/StateView change): patch broadcasts ≈ 29 % (mostly the per-client socket writes), "
      + "receiving inputs ≈ 19 % (ws framing, Colyseus input decode and buffering), the rooms' steps ≈ 17 %, garbage collection ≈ 9 %; about a third of the process's CPU is kernel time "
      + "(one write syscall per client per patch and per input; on loopback the kernel's delivery to the peer is charged to the writer). The bots cost about as much CPU per player as "
      + `the server and share its ${machine.cores} cores, so a small machine runs out before the server does.`);
  }
  notes.push("Latency shape: Rebound patches on its own 30 Hz timer, so an input waits for the next step and then the next patch before its ack (≈ 8 + 17 ms on average); "
    + "the baseline broadcasts right after every 60 Hz step. Rebound pays that latency for its bandwidth; the client's prediction hides it for the local player.");
  if (missed(targets, "Browser keeps 60 fps")) {
    const blank = results.browser ? ` (an empty page reached ${round(results.browser.blankPageFpsMedian, 1)} fps in the same browser)` : "";
    notes.push(`The browser figure comes from headless Chromium rendering WebGL in software (SwiftShader) on a ${machine.cores}-core machine also running the server and the bots${blank}; `
      + "frame times land on whole multiples of 16.7 ms, so a frame that misses one vsync shows as 30 fps. A GPU-backed browser on its own machine has far more headroom; this run cannot tell how much.");
  }
  return notes;
}
