// Serves the built client: the precompressed .br/.gz copy the browser accepts (with Vary), immutable caching for hashed assets, no-cache for HTML.
import type { Application, Request, Response } from "express";
import { existsSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

/** Vite's content hash in a file name (main-CgSsq8Mr.js): such a file never changes under that name. */
const HASHED = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
const ONE_YEAR_SECONDS = 31_536_000;

const ENCODINGS = [
  { token: "br", suffix: ".br" },
  { token: "gzip", suffix: ".gz" },
] as const;

function cacheControl(path: string): string {
  if (path.endsWith(".html")) return "no-cache";
  if (HASHED.test(path)) return `public, max-age=${ONE_YEAR_SECONDS}, immutable`;
  // Public files without a hash (icons): revalidate with the ETag each time.
  return "no-cache";
}

/** Which encodings the request accepts (q=0 refuses one). */
function accepted(req: Request): Set<string> {
  const header = String(req.headers["accept-encoding"] ?? "");
  const tokens = new Set<string>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p))) continue;
    if (name) tokens.add(name.trim().toLowerCase());
  }
  return tokens;
}

/** Sends `file` (inside the client folder), compressed when a precompressed copy and the browser allow it. */
export function sendClientFile(req: Request, res: Response, file: string): void {
  res.setHeader("Cache-Control", cacheControl(file));
  res.setHeader("Vary", "Accept-Encoding");
  const accepts = accepted(req);
  for (const { token, suffix } of ENCODINGS) {
    if (!accepts.has(token) || !existsSync(file + suffix)) continue;
    res.setHeader("Content-Encoding", token);
    res.type(extname(file));
    res.sendFile(file + suffix, { cacheControl: false, lastModified: true });
    return;
  }
  res.sendFile(file, { cacheControl: false });
}

export function mountStaticClient(app: Application, clientDir: string): void {
  const root = normalize(clientDir + sep);
  app.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = normalize(join(root, path === "/" ? "index.html" : path));
    // Only files inside the client folder, never the .br/.gz copies asked for by name.
    if (!file.startsWith(root) || /\.(br|gz)$/.test(file) || !existsSync(file) || !statSync(file).isFile()) return next();
    sendClientFile(req, res, file);
  });
}
