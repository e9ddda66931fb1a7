// CORS only for the configured origins (REBOUND_CORS_ORIGINS), through Colyseus's own CORS hook, which
// otherwise answers every origin with itself and Allow-Credentials (any site could call the API as the player).
import { matchMaker } from "colyseus";
import { ROOM_PASSWORD_HEADER } from "../../shared/liveSnapshot.ts";
import { limits } from "../limits/settings.ts";

export function restrictCorsToConfiguredOrigins(): void {
  // The framework's defaults carry "Allow-Origin: *" and "Allow-Credentials: true" for every response.
  const defaults = matchMaker.controller.DEFAULT_CORS_HEADERS as Record<string, string>;
  delete defaults["Access-Control-Allow-Origin"];
  delete defaults["Access-Control-Allow-Credentials"];
  defaults["Access-Control-Allow-Headers"] = `${defaults["Access-Control-Allow-Headers"]}, ${ROOM_PASSWORD_HEADER}`;
  matchMaker.controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get("origin");
    if (origin === null || !limits.corsOrigins.includes(origin)) return { Vary: "Origin" };
    // The SDK's fetch sends credentials, so an allowed origin needs Allow-Credentials too.
    return { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", Vary: "Origin" };
  };
}
