// `npm run dev`: the game server with reload (node --watch) on 2567 and Vite's dev server with HMR on 5173.
// NODE_ENV=development (unless set) gives the server's log pretty lines instead of JSON (server/log.ts).
import { spawn } from "node:child_process";

const children = [
  spawn(process.execPath, ["--watch", "server/index.ts"], { stdio: "inherit", env: { REBOUND_CORS_ORIGINS: "http://localhost:5173", NODE_ENV: "development", ...process.env, REBOUND_SERVE_CLIENT: "0" } }),
  spawn(process.execPath, ["node_modules/vite/bin/vite.js"], { stdio: "inherit" }),
];
console.log("Rebound dev: open http://localhost:5173 (game server on :2567)");
const stop = () => { for (const child of children) child.kill("SIGTERM"); process.exit(0); };
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
