// Where the viewer's replay comes from: a match on this server (/api/matches/<id>/replay) or a file from disk (gzipped or not).
import { joinChunks, MAX_REPLAY_BYTES, readReplay, ReplayFileError, type ReplayData, type ReplayFileProblem } from "../../shared/replay/replayFile.ts";

export type ReplayLoadProblem = ReplayFileProblem | "notFound" | "unreachable";

export type Loaded = { ok: true; data: ReplayData } | { ok: false; problem: ReplayLoadProblem };

function parse(bytes: Uint8Array): Loaded {
  try {
    return { ok: true, data: readReplay(bytes) };
  } catch (error) {
    if (error instanceof ReplayFileError) return { ok: false, problem: error.problem };
    throw error;
  }
}

export async function loadMatchReplay(endpoint: string, matchId: string): Promise<Loaded> {
  let response: Response;
  try {
    // The browser undoes the server's gzip (Content-Encoding) by itself.
    response = await fetch(`${endpoint}/api/matches/${encodeURIComponent(matchId)}/replay`);
  } catch {
    return { ok: false, problem: "unreachable" };
  }
  if (response.status === 404 || response.status === 400) return { ok: false, problem: "notFound" };
  if (!response.ok) return { ok: false, problem: "unreachable" };
  return parse(new Uint8Array(await response.arrayBuffer()));
}

export async function loadReplayFile(file: Blob): Promise<Loaded> {
  if (file.size > MAX_REPLAY_BYTES) return { ok: false, problem: "tooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return parse(bytes);
  const unzipped = await gunzipCapped(bytes);
  return unzipped ? parse(unzipped) : { ok: false, problem: "tooLarge" };
}

/** A gzipped file, unzipped up to the replay size limit (a small file must not unzip into gigabytes). */
async function gunzipCapped(bytes: Uint8Array): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_REPLAY_BYTES) {
        await reader.cancel();
        return null;
      }
      parts.push(value);
    }
  } catch {
    // A broken gzip stream: hand over what came out, which will read as cut short or damaged.
  }
  return joinChunks(parts);
}
