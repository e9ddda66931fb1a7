// Per-address bookkeeping behind the limits: open sockets, live rooms, the room-creation bucket and seat reservations not yet connected.
import { JOIN_REFUSED } from "../../shared/joinRefusals.ts";
import { limits } from "./settings.ts";

/** A refusal a client is told about: an HTTP status and a sentence for the page to show. */
export interface Refusal {
  status: number;
  message: string;
}

const TOO_MANY = JOIN_REFUSED.tooMany;
const MINUTE_MS = 60_000;
/** Reservations on the books before a full sweep of the lapsed ones. */
const SWEEP_ABOVE = 10_000;

function bump(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

class AddressQuotas {
  private readonly sockets = new Map<string, number>();
  private readonly roomOwners = new Map<string, string>();
  private readonly liveRooms = new Map<string, number>();
  private readonly creationBuckets = new Map<string, { tokens: number; at: number }>();
  /** address → (sessionId → when that reservation lapses). */
  private readonly pending = new Map<string, Map<string, number>>();
  private readonly pendingAddress = new Map<string, string>();

  /** Counts a new socket from `address`, or refuses it at the cap. */
  openSocket(address: string): Refusal | null {
    if ((this.sockets.get(address) ?? 0) >= limits.socketsPerAddress) {
      return { status: TOO_MANY, message: `Too many connections from your network (${limits.socketsPerAddress} open): close a few tabs and try again.` };
    }
    bump(this.sockets, address, 1);
    return null;
  }

  closeSocket(address: string): void {
    bump(this.sockets, address, -1);
  }

  openSockets(address: string): number {
    return this.sockets.get(address) ?? 0;
  }

  /** Charges one room creation to `address`, or refuses it (rate or live-room cap). */
  admitRoom(address: string, roomId: string, now: number): Refusal | null {
    if ((this.liveRooms.get(address) ?? 0) >= limits.liveRoomsPerAddress) {
      return { status: TOO_MANY, message: `Your network already has ${limits.liveRoomsPerAddress} rooms open: close one before hosting another.` };
    }
    const capacity = limits.roomCreationsPerMinute;
    const bucket = this.creationBuckets.get(address) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / MINUTE_MS) * capacity);
    bucket.at = now;
    this.creationBuckets.set(address, bucket);
    if (bucket.tokens < 1) {
      const waitSeconds = Math.max(1, Math.ceil(((1 - bucket.tokens) / Math.max(capacity, 1)) * 60));
      return { status: TOO_MANY, message: `Too many new rooms from your network: try again in ${waitSeconds} s.` };
    }
    bucket.tokens -= 1;
    this.roomOwners.set(roomId, address);
    bump(this.liveRooms, address, 1);
    return null;
  }

  releaseRoom(roomId: string, now: number): void {
    const owner = this.roomOwners.get(roomId);
    if (owner === undefined) return;
    this.roomOwners.delete(roomId);
    bump(this.liveRooms, owner, -1);
    // A full bucket says nothing an absent one does not: forget it (many addresses must not pile up).
    const bucket = this.creationBuckets.get(owner);
    if (bucket && !this.liveRooms.has(owner) && bucket.tokens + ((now - bucket.at) / MINUTE_MS) * limits.roomCreationsPerMinute >= limits.roomCreationsPerMinute) {
      this.creationBuckets.delete(owner);
    }
  }

  /** Records a seat reservation for `sessionId` until `lapsesAt`, or refuses it at the cap. */
  admitPending(address: string, sessionId: string, now: number, lapsesAt: number): Refusal | null {
    if (this.pendingAddress.size > SWEEP_ABOVE) this.sweepLapsed(now);
    const mine = this.pending.get(address) ?? new Map<string, number>();
    for (const [id, lapses] of mine) {
      if (lapses <= now) {
        mine.delete(id);
        this.pendingAddress.delete(id);
      }
    }
    if (mine.size >= limits.pendingJoinsPerAddress) {
      return { status: TOO_MANY, message: "Too many joins from your network at once: try again in a few seconds." };
    }
    mine.set(sessionId, lapsesAt);
    this.pending.set(address, mine);
    this.pendingAddress.set(sessionId, address);
    return null;
  }

  /** Forgets every lapsed reservation (addresses that never come back would otherwise keep theirs). */
  private sweepLapsed(now: number): void {
    for (const [address, mine] of this.pending) {
      for (const [id, lapses] of mine) {
        if (lapses > now) continue;
        mine.delete(id);
        this.pendingAddress.delete(id);
      }
      if (mine.size === 0) this.pending.delete(address);
    }
  }

  /** The reservation was taken up by its WebSocket (or refused): it no longer counts. */
  claimPending(sessionId: string): void {
    const address = this.pendingAddress.get(sessionId);
    if (address === undefined) return;
    this.pendingAddress.delete(sessionId);
    const mine = this.pending.get(address);
    mine?.delete(sessionId);
    if (mine?.size === 0) this.pending.delete(address);
  }

  pendingJoins(address: string, now: number): number {
    let count = 0;
    for (const lapses of this.pending.get(address)?.values() ?? []) if (lapses > now) count += 1;
    return count;
  }
}

/** One set of books per process (rooms and the HTTP gate share it; Colyseus's matchmaker is per process too). */
export const quotas = new AddressQuotas();
