// Starts the production server (`node server/index.ts`, serving dist/client) as a child process for browser tests.
import { existsSync } from "node:fs";
import { ROOT, startChildServer, type ChildServer } from "../../../harness/childServer.ts";

export type RunningServer = ChildServer;

/** On a port from the OS; ready once *this* child answers /healthz with its own instance id. */
export async function startProductionServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(`${ROOT}dist/client/index.html`)) {
    throw new Error("dist/client is missing: run `npm run build` first (npm test does)");
  }
  return startChildServer({ entry: "server/index.ts", env });
}
