// Server entry point: serves the built client and the game on one port (PORT, default 2567).
import { fileURLToPath } from "node:url";
import { createGameServer } from "./app.ts";

const port = Number(process.env.PORT ?? 2567);
const serveClient = process.env.REBOUND_SERVE_CLIENT !== "0";
const clientDir = serveClient ? fileURLToPath(new URL("../dist/client", import.meta.url)) : null;

const server = createGameServer({ clientDir });
await server.listen(port);
console.log(`Rebound is serving on http://localhost:${port}`);
