// The process's match history: the store rooms record into and the HTTP routes read, and its upkeep (closing
// recordings a crash cut off, retention by age and size), run at start and every ten minutes.
import { endMark } from "../../shared/replay/replayFile.ts";
import { serverLog } from "../log.ts";
import type { MatchStore } from "../storage/matchStore.ts";
import type { HistoryUpkeep } from "../storage/openStore.ts";

let current: MatchStore | null = null;
let upkeepTimer: NodeJS.Timeout | null = null;

const UPKEEP_MS = 10 * 60_000;

export function matchStore(): MatchStore | null {
  return current;
}

export function useMatchStore(store: MatchStore | null, { retention, staleMs }: HistoryUpkeep): void {
  if (upkeepTimer) clearInterval(upkeepTimer);
  current = store;
  upkeepTimer = null;
  if (!store) return;
  const upkeep = async () => {
    try {
      const closed = await store.closeStale(staleMs, Date.now(), endMark());
      const pruned = await store.prune(retention, Date.now());
      if (closed + pruned > 0) serverLog.info({ closed, pruned }, "match history upkeep");
    } catch (error) {
      serverLog.error({ err: error }, "match history upkeep failed");
    }
  };
  void upkeep();
  upkeepTimer = setInterval(() => void upkeep(), UPKEEP_MS);
  upkeepTimer.unref();
}
