// The server's log: pino (JSON lines; pretty under `npm run dev`) behind the error/warning rate limit, in the console-like shape Colyseus's `logger` option takes.
import { format } from "node:util";
import { pino, type Logger } from "pino";
import { rateLimitedLogger, type ServerLogger } from "./logLimit.ts";

export type LogLevel = keyof ServerLogger;

/** One line as written: its level, its words, and the stack of the error it carried, if any. */
export interface LogLine {
  level: LogLevel;
  msg: string;
  stack?: string;
}

/** Pretty only for a person at `npm run dev` (scripts/dev.ts sets NODE_ENV=development), and only if the devDependency is installed. */
function prettyInstalled(): boolean {
  if (process.env.NODE_ENV !== "development") return false;
  try {
    import.meta.resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}

function createPino(): Logger {
  // "debug" keeps every line console printed before (Colyseus writes a few at debug); pino's default "info" would drop them.
  const level = "debug";
  return prettyInstalled() ? pino({ level, transport: { target: "pino-pretty", options: { ignore: "pid,hostname" } } }) : pino({ level });
}

const watchers = new Set<(line: LogLine) => void>();

/** Calls `watcher` with every line the server log writes (after the rate limit), until the returned function is called. */
export function watchLog(watcher: (line: LogLine) => void): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

/** Console-style calls as pino lines: the words (errors by their message) in `msg`, the first error with its stack in `err`. */
function pinoSink(logger: Logger): ServerLogger {
  const write = (level: LogLevel) => (...args: unknown[]): void => {
    const err = args.find((arg) => arg instanceof Error);
    const msg = format(...args.map((arg) => (arg instanceof Error ? arg.message : arg)));
    if (err) logger[level]({ err }, msg);
    else logger[level](msg);
    for (const watcher of watchers) watcher({ level, msg, ...(err?.stack ? { stack: err.stack } : {}) });
  };
  return { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug"), trace: write("trace") };
}

/** The one process-wide log the framework, the rooms and the HTTP routes write to. */
export const serverLog = rateLimitedLogger(pinoSink(createPino()));
