// Test helper: reads the match history and replay files over HTTP, as the history page and the viewer do.
import { gunzipSync } from "node:zlib";
import { HistoryPage, MatchSummaryWire } from "../../shared/history.ts";
import { readReplay, type ReplayData } from "../../shared/replay/replayFile.ts";
import { ReplayRun } from "../../shared/replay/replayRun.ts";
import { poll } from "../../harness/poll.ts";

export async function historyOf(endpoint: string, query = ""): Promise<MatchSummaryWire[]> {
  const response = await fetch(`${endpoint}/api/matches${query}`);
  if (!response.ok) throw new Error(`GET /api/matches${query}: ${response.status} ${await response.text()}`);
  return HistoryPage.parse(await response.json()).matches;
}

/** Waits until the history lists a match of `roomId` that is no longer being recorded. */
export async function finishedMatchOf(endpoint: string, roomId: string, timeoutMs = 30_000): Promise<MatchSummaryWire> {
  const matches = await poll(() => historyOf(endpoint, `?room=${roomId}`), (list) => list.some((match) => match.status !== "recording"), `a finished match of ${roomId}`, timeoutMs);
  return matches.find((match) => match.status !== "recording")!;
}

/** The replay file's bytes as served (fetch undoes the gzip; a body still gzipped is undone here). */
export async function replayBytes(endpoint: string, matchId: string): Promise<Uint8Array> {
  const response = await fetch(`${endpoint}/api/matches/${matchId}/replay`, { headers: { "accept-encoding": "gzip" } });
  if (!response.ok) throw new Error(`GET replay ${matchId}: ${response.status}`);
  const body = new Uint8Array(await response.arrayBuffer());
  return body[0] === 0x1f && body[1] === 0x8b ? new Uint8Array(gunzipSync(body)) : body;
}

/** Replays a file to its end: the final sim, and how many recorded hashes it checked and missed. */
export function replayToEnd(bytes: Uint8Array): { data: ReplayData; run: ReplayRun } {
  const data = readReplay(bytes);
  const run = new ReplayRun(data);
  run.seek(data.steps);
  return { data, run };
}

export { MatchSummaryWire };
