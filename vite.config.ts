// Vite build of the browser client (game/) into dist/client, which the server serves on its own port.
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { precompress } from "./scripts/precompress.ts";

/** In `npm run dev`, /compare/<roomId>, /history and /replay/<matchId> are their pages (the production server routes them the same way). */
const compareRoute: Plugin = {
  name: "rebound-compare-route",
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/compare\/[A-Za-z0-9_-]+\/?(\?.*)?$/.test(req.url)) req.url = "/compare.html";
      if (req.url && /^\/replay(\/[A-Za-z0-9_-]+)?\/?(\?.*)?$/.test(req.url)) req.url = "/replay.html";
      if (req.url && /^\/history\/?(\?.*)?$/.test(req.url)) req.url = "/history.html";
      next();
    });
  },
};

export default defineConfig({
  root: "game",
  publicDir: "public",
  plugins: [compareRoute, precompress()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The game, and three small pages that never load Phaser: the WebSocket-vs-polling compare page, the match
      // history and the replay viewer.
      input: {
        main: fileURLToPath(new URL("./game/index.html", import.meta.url)),
        compare: fileURLToPath(new URL("./game/compare.html", import.meta.url)),
        history: fileURLToPath(new URL("./game/history.html", import.meta.url)),
        replay: fileURLToPath(new URL("./game/replay.html", import.meta.url)),
      },
      output: {
        // Phaser in its own long-cached chunk: game code changes do not re-download the engine.
        // The Colyseus SDK and schema are shared by both pages: one chunk, cached once.
        manualChunks: (id) => {
          if (id.includes("node_modules/phaser")) return "phaser";
          if (id.includes("node_modules/@colyseus") || id.includes("node_modules/msgpackr")) return "colyseus";
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
  },
});
