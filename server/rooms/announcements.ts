// Join and leave lines for a room's chat, coalesced: the first after a quiet second goes out at once, the rest are gathered into one line per kind a second ("Ann, Bob and Cy joined", "7 players left").
//
// Why: each join/leave put one system line into every client's chat; 1,186 join/leave cycles in 5 s
// sent 2,372 lines (up to 585/s) with a name of the attacker's choosing. Now a room sends at most
// one join line and one leave line per ANNOUNCE_INTERVAL_MS, whatever the churn.

export const ANNOUNCE_INTERVAL_MS = 1000;
/** Up to this many names are listed; more become "N players joined". */
const MAX_NAMES_LISTED = 3;

interface Pending {
  joins: { name: string; where: string }[];
  leaves: string[];
}

export interface AnnouncerHooks {
  /** Sends one system line to the room. */
  send(text: string): void;
  /** Runs `callback` after `ms` (the room's clock, so it dies with the room). */
  later(callback: () => void, ms: number): void;
  now(): number;
}

function listed(names: string[]): string {
  if (names.length > MAX_NAMES_LISTED) return `${names.length} players`;
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export class Announcer {
  private pending: Pending = { joins: [], leaves: [] };
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private scheduled = false;
  private readonly hooks: AnnouncerHooks;

  constructor(hooks: AnnouncerHooks) {
    this.hooks = hooks;
  }

  /** `where` reads after "joined": "team red", "the spectators". */
  joined(name: string, where: string): void {
    this.pending.joins.push({ name, where });
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
    if (joins.length === 1) this.hooks.send(`${joins[0].name} joined ${joins[0].where}`);
    else if (joins.length > 1) this.hooks.send(`${listed(joins.map((j) => j.name))} joined`);
    if (leaves.length > 0) this.hooks.send(`${listed(leaves)} left`);
  }
}
