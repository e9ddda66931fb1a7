// Admission at seat reservation (Colyseus's static onAuth, which runs in the matchmaking request before any seat is held):
// the room's own refusal (password, lock, spectator seats) for joinById, and the per-address cap on reservations not yet connected.
//
// Without it a seat was held for 15 s on nothing but `POST /matchmake/joinById/<id>` with `{}`: 30 of
// them locked the room for everyone, password room included (the password was checked only at connect).
import { generateId, matchMaker, ServerError, type AuthContext } from "colyseus";
import { quotas, type Refusal } from "../limits/quotas.ts";

/** How long a reservation waits for its WebSocket (Colyseus's default; the room sets the same). */
export const SEAT_RESERVATION_SECONDS = 15;

/** A room that can say, before a seat is held, why it would refuse these join options. */
export interface ReservationJudge {
  reservationRefusal(rawOptions: unknown): Refusal | null;
}

/** `/matchmake/<method>/<room name or id>` of the request being served, when the transport passed it. */
function matchmakeTarget(context: AuthContext): { method: string; target: string } | null {
  const url = context.req?.url;
  if (!url) return null;
  const [, route, method, target] = new URL(url, "http://localhost").pathname.split("/");
  return route === "matchmake" && method && target ? { method, target: decodeURIComponent(target) } : null;
}

async function refusalOfRoom(roomId: string, rawOptions: unknown): Promise<Refusal | null> {
  try {
    // Local or in another process (presence IPC), like the seat reservation that follows.
    const reply: unknown = await matchMaker.remoteRoomCall(roomId, "reservationRefusal", [rawOptions ?? {}]);
    return reply && typeof reply === "object" ? (reply as Refusal) : null;
  } catch {
    // Gone or not answering: the reservation that follows fails with the framework's own message.
    return null;
  }
}

/** Returns the auth data Colyseus passes to the reservation: our own session id, so the reservation
 * can be counted against the address until its socket arrives (MatchRoom.onJoin claims it). */
export async function admitReservation(rawOptions: unknown, context: AuthContext): Promise<{ sessionId: string }> {
  const target = matchmakeTarget(context);
  if (target?.method === "joinById") {
    const refusal = await refusalOfRoom(target.target, rawOptions);
    if (refusal) throw new ServerError(refusal.status, refusal.message);
  }
  const sessionId = generateId();
  const now = Date.now();
  const refusal = quotas.admitPending(context.ip ?? "unknown", sessionId, now, now + SEAT_RESERVATION_SECONDS * 1000);
  if (refusal) throw new ServerError(refusal.status, refusal.message);
  return { sessionId };
}
