// A join the server refused, as the status the page words (game/ui/wording.ts joinRefusalText): the one place that reads the SDK's matchmaking errors.
import { ErrorCode, MatchMakeError, ServerError } from "@colyseus/sdk";
import { JOIN_REFUSED } from "../../shared/joinRefusals.ts";

export class JoinRefused extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "JoinRefused";
    this.status = status;
  }
}

/** The framework's own codes for a room that is not there (any more). */
const ROOM_GONE_CODES: ReadonlySet<number> = new Set([ErrorCode.MATCHMAKE_INVALID_ROOM_ID, ErrorCode.MATCHMAKE_EXPIRED]);

/** Runs a matchmaking call; a refusal comes out as a JoinRefused with its status, anything else unchanged. */
export async function refusedAsStatus<T>(join: () => Promise<T>): Promise<T> {
  try {
    return await join();
  } catch (error) {
    if (error instanceof MatchMakeError || error instanceof ServerError) {
      throw new JoinRefused(ROOM_GONE_CODES.has(error.code) ? JOIN_REFUSED.roomGone : error.code, error.message);
    }
    throw error;
  }
}
