// Test helper: runs the real server (`node server/index.ts`) and redis-server as child processes on loopback, for multi-process and fault tests.
import { spawn, type ChildProcess } from "node:child_process";
import { captureOutput, CHILD_METRICS_TOKEN, exitOf, startChildServer, type ChildExit } from "../../harness/childServer.ts";
import { readServerMetrics, resetServerMetrics, type ServerMetrics } from "../../harness/serverMetrics.ts";
import { LOAD_TEST_LIMITS_ENV } from "../../server/limits/settings.ts";
import { sleep } from "./server.ts";

export type { ChildExit };

export interface ServerProcess {
  port: number;
  /** http://localhost:<port> */
  endpoint: string;
  child: ChildProcess;
  /** stdout and stderr so far (the last 40 000 characters). */
  output(): string;
  /** Resolves when the process has exited, with how. */
  exited: Promise<ChildExit>;
  metrics(): Promise<ServerMetrics>;
  resetMetrics(): Promise<void>;
  /** SIGTERM (graceful shutdown); SIGKILL after `graceMs`. Resolves with how it exited. */
  stop(graceMs?: number): Promise<ChildExit>;
  /** SIGKILL: the process dies at once, as in a crash or an OOM kill. */
  kill(): Promise<ChildExit>;
}

/** Starts `node server/index.ts` (API only, no client files) with `env`, and waits for /healthz. */
export async function startServerProcess(port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startChildServer({ entry: "server/index.ts", port, env: { REBOUND_SERVE_CLIENT: "0", ...LOAD_TEST_LIMITS_ENV, ...env } });
  const endpoint = `http://localhost:${port}`;
  return {
    port,
    endpoint,
    child: server.process,
    output: server.output,
    exited: server.exited,
    metrics: () => readServerMetrics(endpoint, CHILD_METRICS_TOKEN),
    resetMetrics: () => resetServerMetrics(endpoint, CHILD_METRICS_TOKEN),
    stop: (graceMs = 10_000) => server.signal("SIGTERM", graceMs),
    kill: () => server.signal("SIGKILL", 0),
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
  const output = captureOutput(child);
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
