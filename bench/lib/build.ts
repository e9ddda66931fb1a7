// Builds the production client (vite build into dist/client) when the browser part needs it.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../harness/childServer.ts";

const BUILD_TIMEOUT_MS = 180_000;

export function clientBuilt(): boolean {
  return existsSync(join(ROOT, "dist/client/index.html"));
}

/** Runs Vite's build with this Node binary (what `npm run build` runs). */
export function buildClient(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/vite/bin/vite.js", "build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => { log = (log + chunk.toString()).slice(-5000); });
    child.stderr?.on("data", (chunk: Buffer) => { log = (log + chunk.toString()).slice(-5000); });
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${code}):\n${log}`));
    });
  });
}
