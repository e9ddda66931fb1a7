// The server log's rate limit: at most LOG_LINES_PER_SECOND error/warning lines a second process-wide, then one summary line of how many were held back.
//
// Why: a client can make the framework log (a bad payload prints a zod error with its stack, ≈1 KB for a
// 60-byte frame); written synchronously to a pipe, thousands a second starved every room's ticks.

export const LOG_LINES_PER_SECOND = 20;

/** The shape Colyseus's `logger` server option takes (its Logger class is not exported): console's. */
export type ServerLogger = Pick<Console, "error" | "warn" | "info" | "debug" | "trace">;
type Sink = ServerLogger;

/** A logger that passes info/debug through and limits error, warn and trace to `linesPerSecond`. */
export function rateLimitedLogger(sink: Sink, linesPerSecond = LOG_LINES_PER_SECOND, now: () => number = () => performance.now()): ServerLogger {
  let windowStart = now();
  let written = 0;
  let heldBack = 0;
  let summaryTimer: NodeJS.Timeout | null = null;

  const summarise = (): void => {
    summaryTimer = null;
    if (heldBack === 0) return;
    sink.error(`[log] ${heldBack} more error/warning line${heldBack === 1 ? "" : "s"} held back (limit ${linesPerSecond}/s)`);
    heldBack = 0;
  };
  const limited = (write: (...args: unknown[]) => void) => (...args: unknown[]): void => {
    const t = now();
    if (t - windowStart >= 1000) {
      windowStart = t;
      written = 0;
    }
    if (written < linesPerSecond) {
      written += 1;
      write(...args);
      return;
    }
    heldBack += 1;
    // One summary line a second at most, written when the window that overflowed has passed.
    summaryTimer ??= setTimeout(summarise, 1000).unref();
  };
  return {
    error: limited((...args) => sink.error(...args)),
    warn: limited((...args) => sink.warn(...args)),
    trace: limited((...args) => sink.trace(...args)),
    info: (...args: unknown[]) => sink.info(...args),
    debug: (...args: unknown[]) => sink.debug(...args),
  };
}
