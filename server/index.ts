// Server entry point: serves the built client and the game on one port (PORT, default 2567).
// TLS_CERT/TLS_KEY (PEM file paths) switch to HTTPS + wss://; REDIS_URL (+ PUBLIC_ADDRESS) enables scale-out;
// match history in SQLite (REBOUND_DB_PATH, default ./data/rebound.sqlite) or PostgreSQL (DATABASE_URL).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createGameServer } from "./app.ts";
import { serverLog } from "./log.ts";
import { openMatchStore } from "./storage/openStore.ts";

const port = Number(process.env.PORT ?? 2567);
const serveClient = process.env.REBOUND_SERVE_CLIENT !== "0";
const clientDir = serveClient ? fileURLToPath(new URL("../dist/client", import.meta.url)) : null;
const tls = process.env.TLS_CERT && process.env.TLS_KEY
  ? { cert: readFileSync(process.env.TLS_CERT), key: readFileSync(process.env.TLS_KEY) }
  : undefined;
const redisUrl = process.env.REDIS_URL || undefined;
const publicAddress = process.env.PUBLIC_ADDRESS || (redisUrl ? `localhost:${port}` : undefined);

const matchStore = await openMatchStore(process.env);
const server = createGameServer({ clientDir, tls, redisUrl, publicAddress, matchStore });
await server.listen(port);
serverLog.info(`Rebound is serving on ${tls ? "https" : "http"}://localhost:${port}${redisUrl ? ` (Redis: ${redisUrl}, public address ${publicAddress})` : ""}; match history: ${matchStore?.kind ?? "off"}`);
