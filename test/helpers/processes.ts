// Test helper: runs the real server (`node server/index.ts`), redis-server and PostgreSQL as child processes on loopback, for multi-process and fault tests.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

export interface PostgresProcess {
  port: number;
  /** postgres://rebound@127.0.0.1:<port>/rebound */
  url: string;
  output(): string;
  stop(): Promise<ChildExit>;
}

/** Debian's server binaries (postgresql-NN): the newest installed version. */
function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((x, y) => Number(y) - Number(x)) : [];
  if (versions.length === 0) throw new Error("PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)");
  return `${root}/${versions[0]}/bin`;
}

/**
 * Starts a throwaway PostgreSQL cluster on loopback in a temporary folder (trust auth, no fsync: a test database),
 * with a database "rebound". PostgreSQL refuses to run as root, so as root it runs as the package's "postgres" user.
 */
export async function startPostgres(port: number): Promise<PostgresProcess> {
  const bin = postgresBinDir();
  const dataDir = mkdtempSync(join(tmpdir(), "rebound-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => (asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]) as [string, string[]];
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dataDir, uid, gid);
  }
  execFileSync(...run(`${bin}/initdb`, ["-D", dataDir, "-U", "rebound", "--auth=trust", "--no-sync", "-E", "UTF8"]), { stdio: "pipe" });
  const child = spawn(...run(`${bin}/postgres`, [
    "-D", dataDir, "-p", String(port), "-k", dataDir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
  ]), { stdio: ["ignore", "pipe", "pipe"] });
  const output = captureOutput(child);
  const exited = exitOf(child);
  const deadline = Date.now() + 60_000;
  while (!output().includes("ready to accept connections")) {
    if (child.exitCode !== null) throw new Error(`postgres exited early (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`postgres did not start:\n${output()}`);
    }
    await sleep(100);
  }
  execFileSync(`${bin}/createdb`, ["-h", "127.0.0.1", "-p", String(port), "-U", "rebound", "rebound"], { stdio: "pipe" });
  return {
    port,
    url: `postgres://rebound@127.0.0.1:${port}/rebound`,
    output,
    stop: async () => {
      // SIGINT: PostgreSQL's fast shutdown.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      const how = await Promise.race([exited, sleep(10_000).then(() => null)]);
      if (!how) child.kill("SIGKILL");
      const result = how ?? (await exited);
      rmSync(dataDir, { recursive: true, force: true });
      return result;
    },
  };
}
