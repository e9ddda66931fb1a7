// Test helper: the server's log as lines of text (`error [match x] …` then any stack), watched in this process or read from a child server's JSON output.
import { pino } from "pino";
import { watchLog } from "../../server/log.ts";

/** A line as a person reads it: level and words, then the stack of the error it carried. */
function lineText(level: string, msg: string, stack?: string): string {
  return `${level} ${msg}${stack ? `\n${stack}` : ""}`;
}

/**
 * Runs `work` and returns every error/warning line written in this process meanwhile: the in-process server's log
 * (after its rate limit) and console.error/warn (the SDK clients write there). `work` sees the lines as they come.
 */
export async function loggedDuring(work: (lines: readonly string[]) => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const stopWatching = watchLog((line) => {
    if (line.level === "error" || line.level === "warn") lines.push(lineText(line.level, line.msg, line.stack));
  });
  const originals = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => { lines.push(lineText("error", args.map(String).join(" "))); originals.error(...args); };
  console.warn = (...args: unknown[]) => { lines.push(lineText("warn", args.map(String).join(" "))); originals.warn(...args); };
  try {
    await work(lines);
  } finally {
    Object.assign(console, originals);
    stopWatching();
  }
  return lines;
}

/** Reads a pino JSON line; null for anything else (Node's own messages, a line cut by the capture's limit). */
function jsonLine(line: string): string | null {
  if (!line.startsWith("{")) return null;
  try {
    const entry: unknown = JSON.parse(line);
    if (typeof entry !== "object" || entry === null) return null;
    const { level, msg, err } = entry as { level?: unknown; msg?: unknown; err?: { stack?: unknown } };
    if (typeof level !== "number" || typeof msg !== "string") return null;
    return lineText(pino.levels.labels[level] ?? String(level), msg, typeof err?.stack === "string" ? err.stack : undefined);
  } catch {
    return null;
  }
}

/** A child server's output with each JSON log line as text; other lines as they are. */
export function logText(output: string): string {
  return output.split("\n").map((line) => jsonLine(line) ?? line).join("\n");
}
