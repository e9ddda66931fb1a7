// Test helper: runs the real server (`node server/index.ts`) and redis-server as child processes on loopback, for multi-process and fault tests.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { MetricsSnapshot } from "../../server/metrics.ts";
import { sleep } from "./server.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAX_LOG_CHARS = 40_000;

/** Every child still running when this test process exits is killed, so a failed or timed-out test
 * never leaves a server or a redis-server behind on the shared machine. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function track(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  port: number;
  /** http://localhost:<port> */
  endpoint: string;
  child: ChildProcess;
  /** stdout and stderr so far (the last 40 000 characters). */
  output(): string;
  /** Resolves when the process has exited, with how. */
  exited: Promise<ChildExit>;
  metrics(): Promise<MetricsSnapshot>;
  resetMetrics(): Promise<void>;
  /** SIGTERM (graceful shutdown); SIGKILL after `graceMs`. Resolves with how it exited. */
  stop(graceMs?: number): Promise<ChildExit>;
  /** SIGKILL: the process dies at once, as in a crash or an OOM kill. */
  kill(): Promise<ChildExit>;
}

function capture(child: ChildProcess): () => string {
  let log = "";
  const append = (chunk: Buffer): void => { log = (log + chunk.toString()).slice(-MAX_LOG_CHARS); };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => log;
}

function exitOf(child: ChildProcess): Promise<ChildExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** Starts `node server/index.ts` (API only, no client files) with `env`, and waits for /healthz. */
export async function startServerProcess(port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), REBOUND_SERVE_CLIENT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  const output = capture(child);
  const exited = exitOf(child);
  const endpoint = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited early (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${endpoint}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server on ${port} did not become healthy:\n${output()}`);
    }
    await sleep(100);
  }
  const signalAndWait = async (signal: NodeJS.Signals, graceMs: number): Promise<ChildExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  return {
    port,
    endpoint,
    child,
    output,
    exited,
    metrics: async () => (await (await fetch(`${endpoint}/metrics`)).json()) as MetricsSnapshot,
    resetMetrics: async () => { await fetch(`${endpoint}/metrics/reset`, { method: "POST" }); },
    stop: (graceMs = 10_000) => signalAndWait("SIGTERM", graceMs),
    kill: () => signalAndWait("SIGKILL", 0),
  };
}

export interface RedisProcess {
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<ChildExit>;
}

/** Starts a throwaway redis-server on loopback: no persistence, so a restart starts empty. */
export async function startRedis(port: number): Promise<RedisProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  const output = capture(child);
  const exited = exitOf(child);
  const deadline = Date.now() + 10_000;
  while (!output().includes("Ready to accept connections")) {
    if (child.exitCode !== null) throw new Error(`redis-server exited early (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not start:\n${output()}`);
    }
    await sleep(50);
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    child,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return exited;
    },
  };
}
