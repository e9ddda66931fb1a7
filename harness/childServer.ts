// Starts a server (the production Rebound server or the naive baseline) as a child process and waits until it answers /healthz.
// The one implementation used by the benchmarks, the soak run and the tests that need real server processes.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.ts";
import { setTimeout as sleep } from "node:timers/promises";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** stdout and stderr so far (the last 40 000 characters). */
  output(): string;
  /** Resolves when the process has exited, with how. */
  exited: Promise<ChildExit>;
  /** Sends `signal`, then SIGKILL after `graceMs`; resolves with how the process exited. */
  signal(signal: NodeJS.Signals, graceMs: number): Promise<ChildExit>;
  /** SIGTERM (graceful shutdown), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Script path relative to the repository root, run with this Node binary. */
  entry: string;
  /** Omitted: a free port from the OS. */
  port?: number;
  env?: Record<string, string>;
  /** Give up when /healthz has not answered within this time (default 60 s: a cold start under a load average of 15
   * took more than 20 s on a 2-core machine). */
  startTimeoutMs?: number;
}

const MAX_LOG_CHARS = 40_000;

/** Child servers get this metrics token, so benches and tests may read and reset /metrics (no public reset). */
export const CHILD_METRICS_TOKEN = "rebound-local-metrics";

/** Every child still running when this process exits is killed, so a failed run never leaves a server behind. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Keeps the last 40 000 characters a child wrote to stdout and stderr. */
export function captureOutput(child: ChildProcess): () => string {
  let log = "";
  const append = (chunk: Buffer): void => { log = (log + chunk.toString()).slice(-MAX_LOG_CHARS); };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => log;
}

/** Resolves when the child has exited (at once if it already has), and forgets it for the exit sweep. */
export function exitOf(child: ChildProcess): Promise<ChildExit> {
  running.add(child);
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => {
    running.delete(child);
    resolve({ code, signal });
  }));
}

/** The instance id a child's /healthz reports, or null if nothing (or not JSON) answers. */
async function healthInstance(url: string): Promise<string | null> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    if (!response.ok) return null;
    const body = (await response.json()) as { instance?: unknown };
    return typeof body.instance === "string" ? body.instance : "";
  } catch {
    return null; // not listening yet
  }
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const port = options.port ?? await freePort();
  // Ready means *this* child answers: a leftover server on the same port reports another instance id.
  const instance = randomUUID();
  const child = spawn(process.execPath, [options.entry], {
    cwd: ROOT,
    // Match history in memory unless a caller names a database: benches and tests never write ./data.
    env: { ...process.env, PORT: String(port), REBOUND_METRICS_TOKEN: CHILD_METRICS_TOKEN, REBOUND_DB_PATH: ":memory:", ...options.env, REBOUND_INSTANCE_ID: instance },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = captureOutput(child);
  const exited = exitOf(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.entry} on ${port} exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    const answered = await healthInstance(url);
    if (answered === instance) break;
    if (answered !== null) {
      // Someone else holds the port (one listener per port): this child can never be the one answering.
      child.kill("SIGKILL");
      throw new Error(`${options.entry} on ${port}: another server (instance "${answered}") answers on that port:\n${output()}`);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.entry} on ${port} did not become healthy:\n${output()}`);
    }
    await sleep(100);
  }
  if (child.pid === undefined) throw new Error(`${options.entry} has no pid`);
  const signal = async (name: NodeJS.Signals, graceMs: number): Promise<ChildExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const result = await exited;
    clearTimeout(killer);
    return result;
  };
  return {
    url,
    port,
    pid: child.pid,
    process: child,
    output,
    exited,
    signal,
    stop: async () => { await signal("SIGTERM", 5000); },
  };
}
