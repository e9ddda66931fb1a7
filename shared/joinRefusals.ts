// Why a join was refused, as the HTTP status the matchmaker answers with: the page words each one itself (game/ui/wording.ts).
//
// Why statuses: a refusal reaches the SDK as a MatchMakeError that keeps only the status and a message,
// so the status is the one machine-readable part; each refusal a page words differently has its own.

export const JOIN_REFUSED = {
  /** The join options failed validation (the message says which field). */
  badOptions: 400,
  wrongPassword: 401,
  /** No such room, or it ended (the framework's own "not found" is translated to this by game/net/joinRefused.ts). */
  roomGone: 404,
  removedByHost: 403,
  /** Spectator or observer seats are full (a full team makes the joiner a spectator instead). */
  seatsFull: 409,
  locked: 423,
  /** A per-address cap (server/limits/quotas.ts); the message says which and when to retry. */
  tooMany: 429,
} as const;

export type JoinRefusalStatus = (typeof JOIN_REFUSED)[keyof typeof JOIN_REFUSED];
