// What this browser remembers about its seat: the tab's reconnection token (sessionStorage) and the device id (localStorage).

const SEAT_KEY = "rebound.seat";
const DEVICE_KEY = "rebound.device";

/** The seat this tab holds: reloading the tab (or reopening it after an accidental close) reclaims it. */
export interface SavedSeat {
  roomId: string;
  /** The SDK's `room.reconnectionToken` ("roomId:token"). */
  token: string;
}

/** sessionStorage, not localStorage: two tabs of one browser are two players and must not steal each other's seat. */
export function saveSeat(seat: SavedSeat): void {
  try { sessionStorage.setItem(SEAT_KEY, JSON.stringify(seat)); } catch { /* storage off: reload then joins afresh */ }
}

export function savedSeat(roomId: string): SavedSeat | null {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(SEAT_KEY) ?? "null");
    if (typeof parsed !== "object" || parsed === null) return null;
    const { roomId: savedRoom, token } = parsed as Record<string, unknown>;
    if (savedRoom !== roomId || typeof token !== "string") return null;
    return { roomId, token };
  } catch {
    return null;
  }
}

/** Called on Leave and on any final close: the seat is gone, nothing to reclaim. */
export function forgetSeat(): void {
  try { sessionStorage.removeItem(SEAT_KEY); } catch { /* nothing stored */ }
}

/** 128 random bits as hex. Not crypto.randomUUID: it exists only in secure contexts, and friends on a
 * LAN open http://192.168.x.x:2567. */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A random id for this browser, sent when joining; a host's kick keeps this id out of that room. */
export function deviceId(): string {
  try {
    const stored = localStorage.getItem(DEVICE_KEY);
    if (stored && /^[A-Za-z0-9-]{16,64}$/.test(stored)) return stored;
    const fresh = randomId();
    localStorage.setItem(DEVICE_KEY, fresh);
    return fresh;
  } catch {
    return randomId();
  }
}
