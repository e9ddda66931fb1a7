// Replays: bytes per minute of 4v4 (from the bench match's own recording by real SDK bots, and from a long scripted 4v4),
// the cost of writing a match's checkpoints to SQLite, the recording's CPU per step, and the viewer's load and seek times.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readReplay, joinChunks } from "../../shared/replay/replayFile.ts";
import { ReplayRun, scanReplay } from "../../shared/replay/replayRun.ts";
import { SqliteMatchStore } from "../../server/storage/sqliteStore.ts";
import type { MatchSummary } from "../../server/storage/matchStore.ts";
import { syntheticMatch } from "../lib/syntheticMatch.ts";
import { round, summarize } from "../lib/stats.ts";
import type { ReplayFigures, LiveReplayFigures } from "../report/resultTypes.ts";

const SEEKS = 40;

function summaryFor(id: string): MatchSummary {
  return {
    id, roomId: "bench", roomName: "Bench 4v4", startedAt: Date.now(), endedAt: null, status: "recording", visibility: "public", scoreRed: 0, scoreBlue: 0,
    durationSeconds: 0, red: ["Player 1", "Player 2", "Player 3", "Player 4"], blue: ["Player 5", "Player 6", "Player 7", "Player 8"], scorers: [], replayBytes: 0,
  };
}

export async function runReplays(minutes: number, live: LiveReplayFigures | null, log: (line: string) => void): Promise<ReplayFigures> {
  const match = syntheticMatch(minutes);
  const bytesPerMinute = match.bytes / minutes;
  // What a download costs: the server sends the file gzipped to browsers that accept it.
  const gzipBytesPerMinute = gzipSync(joinChunks(match.chunks)).length / minutes;

  // Every checkpoint of the match written to a SQLite file, as the recorder does (one transaction each).
  const folder = mkdtempSync(join(tmpdir(), "rebound-bench-history-"));
  const store = new SqliteMatchStore(join(folder, "history.sqlite"));
  const writeMs: number[] = [];
  try {
    const summary = summaryFor("benchmatch01");
    let started = performance.now();
    await store.begin(summary, match.chunks[0]!);
    writeMs.push(performance.now() - started);
    for (let seq = 1; seq < match.chunks.length; seq++) {
      const last = seq === match.chunks.length - 1;
      started = performance.now();
      if (last) await store.finish({ ...summary, status: "ended", endedAt: Date.now() }, seq, match.chunks[seq]!);
      else await store.append(summary, seq, match.chunks[seq]!);
      writeMs.push(performance.now() - started);
    }
    const stored = joinChunks((await store.chunks("benchmatch01"))!);
    if (stored.length !== match.bytes) throw new Error(`stored ${stored.length} bytes of ${match.bytes}`);
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }

  // The viewer: read the file, run it once (goal marks, every hash), then seek at random.
  const bytes = joinChunks(match.chunks);
  let started = performance.now();
  const run = new ReplayRun(readReplay(bytes));
  scanReplay(run);
  const loadMs = performance.now() - started;
  if (run.mismatches.length > 0) throw new Error(`the synthetic replay missed ${run.mismatches.length} hashes`);
  const seekMs: number[] = [];
  let target = 12345;
  for (let i = 0; i < SEEKS; i++) {
    target = (Math.imul(target, 1103515245) + 12345) >>> 0;
    started = performance.now();
    run.seek(target % (run.totalSteps + 1));
    seekMs.push(performance.now() - started);
  }
  const figures: ReplayFigures = {
    live,
    synthetic: { minutes, players: 8, bytes: match.bytes, bytesPerMinute, gzipBytesPerMinute, hashes: run.checkedTicks.size },
    recordingMicrosPerStep: (match.recordingMs * 1000) / match.steps,
    write: { store: "SQLite file (node:sqlite, WAL)", checkpoints: writeMs.length, totalMs: writeMs.reduce((sum, ms) => sum + ms, 0), perCheckpointMs: summarize(writeMs) },
    viewer: { loadMs, seekMs: summarize(seekMs), seeks: SEEKS },
  };
  log(`  replays: ${live ? `bench match ${round(live.bytesPerMinute / 1024, 1)} KB/min (${live.seconds} s recorded); ` : ""}`
    + `scripted 4v4 ${round(bytesPerMinute / 1024, 1)} KB/min (gzip ${round(gzipBytesPerMinute / 1024, 1)}) over ${minutes} min; recording ${round(figures.recordingMicrosPerStep, 1)} µs/step; `
    + `writing ${writeMs.length} checkpoints ${round(figures.write.totalMs, 1)} ms (p99 ${round(figures.write.perCheckpointMs.p99, 2)} ms); `
    + `viewer load ${round(loadMs)} ms, seek p50 ${round(figures.viewer.seekMs.p50, 1)} / p99 ${round(figures.viewer.seekMs.p99, 1)} ms`);
  return figures;
}
