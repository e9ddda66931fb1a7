// The gate in front of every HTTP request and WebSocket upgrade: the trusted client address, security headers, the body limit and the per-address socket cap.
//
// Written by hand around the server's `emit` because Colyseus 0.18 reads request bodies itself (its
// matchmaking route read a 100 MB chunked body whole: RSS 275 → 687 MB) and its `beforeUpgrade` hook
// cannot see a socket close, which the per-address socket count needs; wrapping `emit` puts this ahead
// of every listener however the framework orders its own.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { CLOSE } from "../../shared/constants.ts";
import { clientAddressOf, pinClientAddress, requestScope } from "../limits/clientAddress.ts";
import { quotas } from "../limits/quotas.ts";
import { limits } from "../limits/settings.ts";
import { setSecurityHeaders } from "./securityHeaders.ts";

const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);

function refuseRequest(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ code: status, error: message });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
  // Stop reading whatever the client is still sending once the answer is out.
  res.once("finish", () => req.destroy());
}

/** Reads the body up to the limit into `req.body` (JSON parsed when it says so), as Colyseus's own
 * pre-reader does for serverless hosts; its router and express both take it from there. */
function readLimitedBody(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const tooLarge = `Request body over ${limits.bodyBytes} bytes.`;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.bodyBytes) {
    refuseRequest(req, res, 413, tooLarge);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on("data", (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > limits.bodyBytes) {
      refused = true;
      chunks.length = 0;
      refuseRequest(req, res, 413, tooLarge);
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (refused) return;
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = req as IncomingMessage & { body?: unknown };
    body.body = raw;
    if ((req.headers["content-type"] ?? "").includes("application/json") && raw.length > 0) {
      try {
        body.body = JSON.parse(raw) as unknown;
      } catch {
        // Left as text: the route answers 400 for a malformed body.
      }
    }
    next();
  });
  req.on("error", () => req.destroy());
}

function gateRequest(req: IncomingMessage, res: ServerResponse, pass: () => void): void {
  const address = clientAddressOf(req);
  pinClientAddress(req, address);
  setSecurityHeaders(res);
  const run = () => requestScope.run({ address }, pass);
  const hasBody = !BODYLESS_METHODS.has(req.method ?? "GET") && (req.headers["content-length"] !== "0");
  if (hasBody) readLimitedBody(req, res, run);
  else run();
}

/** Sockets over the cap still get a WebSocket handshake, then a close with a reason the page can show
 * (a refused upgrade would reach the page only as an anonymous 1006). */
const refusals = new WebSocketServer({ noServer: true, clientTracking: false });

function gateUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, pass: () => void): void {
  const address = clientAddressOf(req);
  pinClientAddress(req, address);
  const refusal = quotas.openSocket(address);
  if (refusal) {
    refusals.handleUpgrade(req, socket, head, (ws) => ws.close(CLOSE.tooManyConnections, refusal.message.slice(0, 120)));
    return;
  }
  socket.once("close", () => quotas.closeSocket(address));
  pass();
}

/** Puts the gate in front of every listener of `server`'s requests and upgrades. */
export function guardHttpServer(server: HttpServer): void {
  const emit = server.emit.bind(server) as (event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = function gatedEmit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      gateRequest(args[0] as IncomingMessage, args[1] as ServerResponse, () => emit(event, ...args));
      return true;
    }
    if (event === "upgrade") {
      gateUpgrade(args[0] as IncomingMessage, args[1] as Duplex, args[2] as Buffer, () => emit(event, ...args));
      return true;
    }
    return emit(event, ...args);
  } as HttpServer["emit"];
}
