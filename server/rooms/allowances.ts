// Per-client allowances for actions everyone sees (chat lines, team changes, renames): LIMITS.chatPerWindow per window each.
import { LIMITS } from "../../shared/constants.ts";

export type AllowanceKind = "chat" | "teamChange" | "rename";

export class Allowances {
  private readonly logs = new Map<string, number[]>();

  /** Takes one slot of `kind` for `clientId` at `now`; false when the window is used up. */
  take(kind: AllowanceKind, clientId: string, now: number): boolean {
    const key = `${kind}:${clientId}`;
    const times = (this.logs.get(key) ?? []).filter((t) => now - t < LIMITS.chatWindowMs);
    this.logs.set(key, times);
    if (times.length >= LIMITS.chatPerWindow) return false;
    times.push(now);
    return true;
  }

  forget(clientId: string): void {
    for (const kind of ["chat", "teamChange", "rename"] as const) this.logs.delete(`${kind}:${clientId}`);
  }
}
