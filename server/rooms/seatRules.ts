// Who may take a seat in a room, judged from the join options: asked at reservation and again at connect.
import { freeTeam, teamFull } from "../../shared/match/teams.ts";
import { JOIN_REFUSED } from "../../shared/joinRefusals.ts";
import { describeIssue, JoinOptions } from "../../shared/protocol.ts";
import type { MatchState } from "../../shared/state.ts";
import type { Refusal } from "../limits/quotas.ts";
import type { Moderation } from "./moderation.ts";

export interface Seating {
  name: string;
  spectate: boolean;
  deviceId?: string;
  observe: boolean;
}

export interface SeatFacts {
  state: MatchState;
  password: string;
  moderation: Moderation;
}

/** A newcomer watches when asked to, or when both teams are full. */
function wantsSpectatorSeat(state: MatchState, asked: boolean): boolean {
  return asked || freeTeam(state.players, state.settings.playersPerTeam) === null;
}

/** The seat these join options get, or why they are refused. */
export function judgeSeat(rawOptions: unknown, room: SeatFacts): { seating: Seating } | { refusal: Refusal } {
  const parsed = JoinOptions.safeParse(rawOptions ?? {});
  if (!parsed.success) return { refusal: { status: JOIN_REFUSED.badOptions, message: `invalid join options: ${describeIssue(parsed.error)}` } };
  const options = parsed.data;
  const { state, password, moderation } = room;
  if (state.settings.locked) return { refusal: { status: JOIN_REFUSED.locked, message: "this room is locked by its host" } };
  if (password && options.password !== password) return { refusal: { status: JOIN_REFUSED.wrongPassword, message: "wrong password" } };
  if (moderation.isBanned(options.deviceId)) return { refusal: { status: JOIN_REFUSED.removedByHost, message: "the host removed you from this room" } };
  if (options.observe === true) {
    if (!moderation.hasObserverSeat()) return { refusal: { status: JOIN_REFUSED.seatsFull, message: "observer seats are full" } };
    return { seating: { name: "", spectate: true, observe: true } };
  }
  const spectate = wantsSpectatorSeat(state, options.spectate === true);
  if (spectate && teamFull(state.players, "spectator", state.settings.playersPerTeam)) {
    return { refusal: { status: JOIN_REFUSED.seatsFull, message: "spectator seats are full" } };
  }
  return { seating: { name: options.name ?? "Player", spectate, deviceId: options.deviceId, observe: false } };
}
