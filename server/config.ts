// Process-wide server settings that tests and operators may tune (not clients: rooms read them, never join options).
import { LIMITS } from "../shared/constants.ts";

export const serverConfig = {
  /** Seconds a dropped player's slot is held before it frees. */
  reconnectGraceSeconds: LIMITS.reconnectGraceSeconds as number,
};
