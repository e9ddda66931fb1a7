// Builds the Rebound server: the Colyseus server definition with its rooms, transport and HTTP routes.
import { defineRoom, defineServer, WebSocketTransport, type Server } from "colyseus";
import { MATCH_ROOM } from "../shared/protocol.ts";
import { mountHttpRoutes } from "./http/routes.ts";
import { MatchRoom } from "./rooms/MatchRoom.ts";

export interface AppOptions {
  /** Folder of the built client to serve, or null to serve only the API (dev and tests). */
  clientDir: string | null;
  /** Install SIGTERM/SIGINT handlers that shut down gracefully (off under test). */
  gracefullyShutdown?: boolean;
}

export function createGameServer(options: AppOptions): Server {
  return defineServer({
    greet: false,
    gracefullyShutdown: options.gracefullyShutdown ?? true,
    transport: new WebSocketTransport({ pingInterval: 3000, pingMaxRetries: 2, maxPayload: 4096 }),
    rooms: {
      [MATCH_ROOM]: defineRoom(MatchRoom),
    },
    express: (app) => mountHttpRoutes(app, options.clientDir),
  });
}
