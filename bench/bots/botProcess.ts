// Entry point of one bot process: takes orders from the benchmark over IPC (join, start match, measure, stop) and runs a fleet.
import { asToBotProcess, type FromBotProcess, type ToBotProcess } from "./ipc.ts";
import { Fleet } from "./fleet.ts";
import { wallNow } from "../lib/wallClock.ts";

/** A process never outlives its orders by long, even if the orchestrator died without telling it. */
const DEFAULT_LIFETIME_MS = 15 * 60_000;

function reply(message: FromBotProcess): void {
  process.send?.(message);
}

let fleet: Fleet | null = null;
let lifetime = setTimeout(() => process.exit(2), DEFAULT_LIFETIME_MS);

async function handle(message: ToBotProcess): Promise<void> {
  switch (message.type) {
    case "start": {
      clearTimeout(lifetime);
      lifetime = setTimeout(() => process.exit(2), message.plan.maxLifetimeMs);
      const started = wallNow();
      fleet = new Fleet(message.plan);
      await fleet.join();
      reply({ type: "ready", roomIds: fleet.roomIds, players: fleet.playerCount, joinMs: wallNow() - started, joinFailures: fleet.joinFailures });
      return;
    }
    case "startMatch":
      fleet?.startMatch();
      reply({ type: "matchStarted" });
      return;
    case "begin":
      fleet?.begin();
      reply({ type: "begun" });
      return;
    case "end":
      if (fleet) reply({ type: "report", report: fleet.end() });
      else reply({ type: "failed", message: "no fleet" });
      return;
    case "stop":
      await fleet?.stop();
      process.exit(0);
  }
}

process.on("message", (raw: unknown) => {
  const message = asToBotProcess(raw);
  if (!message) return;
  handle(message).catch((error: unknown) => {
    reply({ type: "failed", message: error instanceof Error ? error.stack ?? error.message : String(error) });
  });
});
process.on("disconnect", () => process.exit(0));
