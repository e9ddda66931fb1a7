// Starts the server under test: the production Rebound server (`node server/index.ts`) or the naive baseline, on a free port.
import { LOAD_TEST_LIMITS_ENV } from "../../server/limits/settings.ts";
import { startChildServer, type ChildServer } from "../../harness/childServer.ts";
import { freePort } from "../../harness/ports.ts";
import type { BotKind } from "../bots/ipc.ts";

export interface ServerOptions {
  /** Serve dist/client too (the browser part); otherwise REBOUND_SERVE_CLIENT=0. */
  serveClient?: boolean;
  /** Simulated round trip (COLYSEUS_LATENCY), Rebound only. */
  simulatedRttMs?: number;
}

export async function startServer(kind: BotKind, options: ServerOptions = {}): Promise<ChildServer> {
  const port = await freePort();
  if (kind === "baseline") return startChildServer({ entry: "bench/baseline/server.ts", port });
  // Hundreds of bots from one loopback address: the per-address caps are raised (the body limit is not).
  const env: Record<string, string> = { REBOUND_SERVE_CLIENT: options.serveClient ? "1" : "0", ...LOAD_TEST_LIMITS_ENV };
  if (options.simulatedRttMs && options.simulatedRttMs > 0) env.COLYSEUS_LATENCY = String(options.simulatedRttMs);
  return startChildServer({ entry: "server/index.ts", port, env });
}
