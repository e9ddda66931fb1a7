// The last express handler: a failed request gets its status and a short sentence, never a stack trace or a file path.
import { STATUS_CODES } from "node:http";
import type { ErrorRequestHandler } from "express";
import { serverLog } from "../log.ts";

/** Express's default handler prints the stack (with absolute paths) outside NODE_ENV=production;
 * e.g. GET /r/%E0%A4%A (a broken percent-escape) answered 400 with one. */
export const productionErrorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const raw = typeof error === "object" && error !== null ? (error as { status?: unknown; statusCode?: unknown }) : {};
  const candidate = Number(raw.status ?? raw.statusCode);
  const status = Number.isInteger(candidate) && candidate >= 400 && candidate < 600 ? candidate : 500;
  if (status >= 500) serverLog.error(`[http] ${req.method} ${req.path.slice(0, 200)} failed:`, error instanceof Error ? error.message : error);
  res.status(status).type("text/plain").send(STATUS_CODES[status] ?? "Error");
};
