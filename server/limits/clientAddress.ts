// The address a request really came from, and the request scope that carries it to rooms created while serving it.
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage } from "node:http";
import { limits } from "./settings.ts";

/** Headers a client could set to pretend to be someone else; Colyseus reads them for `context.ip`. */
const ADDRESS_HEADERS = ["x-real-ip", "x-forwarded-for", "x-client-ip"] as const;

/** The socket's peer, or with `trustProxyHops` proxies in front, the hop they recorded (the last N entries
 * of X-Forwarded-For are theirs; anything left of them the client wrote itself and is not trusted). */
export function clientAddressOf(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (limits.trustProxyHops <= 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  return hops[hops.length - limits.trustProxyHops] ?? peer;
}

/** Replaces whatever address headers the client sent with the one we trust, so Colyseus's own
 * `context.ip` (static onAuth, WebSocket auth) is that address and cannot be forged. */
export function pinClientAddress(req: IncomingMessage, address: string): void {
  for (const name of ADDRESS_HEADERS) delete req.headers[name];
  req.headers["x-real-ip"] = address;
}

/** Colyseus's onCreate gets no request context; a room created while serving a request reads the
 * requester's address from here (written by hand: the framework has no per-address hook for creation). */
export const requestScope = new AsyncLocalStorage<{ address: string }>();
