// Starts a server (the production Rebound server or the naive baseline) as a child process and waits until it answers /healthz.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sleep } from "./wallClock.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface ChildServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  pid: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Script path relative to the repository root, run with this Node binary. */
  entry: string;
  port: number;
  env?: Record<string, string>;
  /** Give up when /healthz has not answered within this time. */
  startTimeoutMs?: number;
}

const MAX_LOG_CHARS = 20_000;

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, [options.entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const append = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-MAX_LOG_CHARS);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.entry} exited early (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.entry} did not become healthy:\n${log}`);
    }
    await sleep(100);
  }
  if (child.pid === undefined) throw new Error(`${options.entry} has no pid`);
  const pid = child.pid;
  return {
    url,
    port: options.port,
    pid,
    process: child,
    output: () => log,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => { clearTimeout(killer); resolve(); });
      child.kill("SIGTERM");
    }),
  };
}
