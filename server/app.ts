// Builds the Rebound server: the Colyseus server definition with its rooms, transport, HTTP routes and, optionally, TLS and Redis.
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { defineRoom, defineServer, LobbyRoom, matchMaker, RedisPresence, type Server } from "colyseus";
import { LOBBY_ROOM, MATCH_ROOM } from "../shared/protocol.ts";
import { serverConfig } from "./config.ts";
import { GuardedWebSocketTransport } from "./frameGuard.ts";
import { restrictCorsToConfiguredOrigins } from "./http/cors.ts";
import { productionErrorHandler } from "./http/errorHandler.ts";
import { guardHttpServer } from "./http/requestGate.ts";
import { serverLog } from "./log.ts";
import { countRoomsWith } from "./metrics.ts";
import { mountHttpRoutes } from "./http/routes.ts";
import { limits, limitsFromEnv, type Limits } from "./limits/settings.ts";
import { RecoveringRedisDriver } from "./redisDriver.ts";
import { useMatchStore } from "./replays/history.ts";
import { MatchRoom } from "./rooms/MatchRoom.ts";
import type { MatchStore } from "./storage/matchStore.ts";
import { upkeepFromEnv } from "./storage/openStore.ts";

export interface AppOptions {
  /** Folder of the built client to serve, or null to serve only the API (dev and tests). */
  clientDir: string | null;
  /** Install SIGTERM/SIGINT handlers that shut down gracefully (off under test). */
  gracefullyShutdown?: boolean;
  /** PEM certificate and key: serve HTTPS, and so wss://, on the same port. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Redis URL: share presence and the room listing with other processes (scale-out). */
  redisUrl?: string;
  /** This process's address as other processes' clients must reach it (host:port), needed with Redis. */
  publicAddress?: string;
  /** Seconds a dropped player's slot is held (default 30; tests shorten it). */
  reconnectGraceSeconds?: number;
  /** Per-address caps and HTTP policy; unset ones come from the environment (see server/limits/settings.ts). */
  limits?: Partial<Limits>;
  /** Where matches are recorded for history and replays (see server/storage/openStore.ts); omitted: no history. */
  matchStore?: MatchStore | null;
}

export function createGameServer(options: AppOptions): Server {
  if (options.reconnectGraceSeconds !== undefined) serverConfig.reconnectGraceSeconds = options.reconnectGraceSeconds;
  Object.assign(limits, limitsFromEnv(process.env), options.limits);
  restrictCorsToConfiguredOrigins();
  useMatchStore(options.matchStore ?? null, upkeepFromEnv(process.env));
  const httpServer = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }) : createHttpServer();
  guardHttpServer(httpServer);
  countRoomsWith(() => ({ rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu }));
  return defineServer({
    greet: false,
    logger: serverLog,
    gracefullyShutdown: options.gracefullyShutdown ?? true,
    transport: new GuardedWebSocketTransport({ pingInterval: 3000, pingMaxRetries: 2, maxPayload: 4096, server: httpServer }),
    ...(options.redisUrl ? { presence: new RedisPresence(options.redisUrl), driver: new RecoveringRedisDriver(options.redisUrl) } : {}),
    ...(options.publicAddress ? { publicAddress: options.publicAddress } : {}),
    rooms: {
      // Realtime listing: the lobby pushes room changes to room browsers (no polling).
      [MATCH_ROOM]: defineRoom(MatchRoom).enableRealtimeListing(),
      [LOBBY_ROOM]: defineRoom(LobbyRoom),
    },
    express: (app) => {
      app.disable("x-powered-by");
      mountHttpRoutes(app, options.clientDir);
      app.use(productionErrorHandler);
    },
  });
}
