// Client bundle size: every file of the production build gzipped with node:zlib, and what a first visit to the game downloads.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "../../harness/childServer.ts";
import type { BundleFigures, BundleFile } from "../report/resultTypes.ts";

const CLIENT_DIR = join(ROOT, "dist/client");
const IMAGE = /\.(svg|png|jpe?g|webp|gif|ico)$/i;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** Asset paths an HTML page loads directly (scripts, styles, module preloads). */
function referencedBy(html: string): Set<string> {
  const refs = new Set<string>();
  for (const match of html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)) refs.add(match[1]);
  return refs;
}

export function measureBundle(): BundleFigures | null {
  const indexHtml = join(CLIENT_DIR, "index.html");
  if (!existsSync(indexHtml)) return null;
  const files: BundleFile[] = walk(CLIENT_DIR).sort().map((path) => {
    const bytes = readFileSync(path);
    return { file: relative(CLIENT_DIR, path), bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  });
  const firstLoad = referencedBy(readFileSync(indexHtml, "utf8"));
  firstLoad.add("index.html");
  const inFirstLoad = files.filter((file) => firstLoad.has(file.file) || (file.file.startsWith("assets/") && IMAGE.test(file.file)));
  return {
    files,
    totalBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    totalGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    firstLoadGzipBytes: inFirstLoad.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}
