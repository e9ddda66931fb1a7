// Join and leave news for a room's chat, coalesced: the first after a quiet second goes out at once, the rest are gathered into one announcement per kind a second ("Ann, Bob and Cy joined", "7 players left").
//
// Why: each join/leave put one system line into every client's chat; 1,186 join/leave cycles in 5 s
// sent 2,372 lines (up to 585/s) with a name of the attacker's choosing. Now a room sends at most
// one join line and one leave line per ANNOUNCE_INTERVAL_MS, whatever the churn.

import { MAX_NAMES_LISTED, type RoomAnnouncement } from "../../shared/announcements.ts";
import type { Team } from "../../shared/match/teams.ts";

export const ANNOUNCE_INTERVAL_MS = 1000;

interface Pending {
  joins: { name: string; team: Team }[];
  leaves: string[];
}

export interface AnnouncerHooks {
  /** Sends one announcement to the room's chat. */
  send(news: RoomAnnouncement): void;
  /** Runs `callback` after `ms` (the room's clock, so it dies with the room). */
  later(callback: () => void, ms: number): void;
  now(): number;
}

/** Everyone's names up to MAX_NAMES_LISTED, else none (the line says only how many). */
function listed(names: string[]): string[] {
  return names.length > MAX_NAMES_LISTED ? [] : names;
}

export class Announcer {
  private pending: Pending = { joins: [], leaves: [] };
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private scheduled = false;
  private readonly hooks: AnnouncerHooks;

  constructor(hooks: AnnouncerHooks) {
    this.hooks = hooks;
  }

  joined(name: string, team: Team): void {
    this.pending.joins.push({ name, team });
    this.soon();
  }

  left(name: string): void {
    this.pending.leaves.push(name);
    this.soon();
  }

  private soon(): void {
    if (this.scheduled) return;
    const wait = this.lastFlushAt + ANNOUNCE_INTERVAL_MS - this.hooks.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.scheduled = true;
    this.hooks.later(() => {
      this.scheduled = false;
      this.flush();
    }, wait);
  }

  private flush(): void {
    const { joins, leaves } = this.pending;
    this.pending = { joins: [], leaves: [] };
    if (joins.length === 0 && leaves.length === 0) return;
    this.lastFlushAt = this.hooks.now();
    if (joins.length > 0) {
      const team = joins.length === 1 ? joins[0].team : null;
      this.hooks.send({ kind: "joined", names: listed(joins.map((j) => j.name)), count: joins.length, team });
    }
    if (leaves.length > 0) this.hooks.send({ kind: "left", names: listed(leaves), count: leaves.length });
  }
}
