// Security headers on every HTTP response: a Content-Security-Policy the game and compare pages run under, nosniff, no framing, no referrer.
import type { ServerResponse } from "node:http";

/** What the built pages need, and nothing else:
 * - scripts, styles and fonts only from our own origin (Vite emits no inline script or style; the DOM
 *   builder sets styles through CSSOM, which CSP allows);
 * - images also from data: and blob: (Phaser's built-in textures are data: URIs);
 * - connections to our origin over HTTP and WebSocket: ws:/wss: to any host, because with Redis
 *   scale-out the seat reservation sends the socket to another process's PUBLIC_ADDRESS;
 * - never inside another site's frame (clickjacking), no plugins, no <base> rewriting. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Sets the headers before any route writes; a route may still override one (none does). */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
}
