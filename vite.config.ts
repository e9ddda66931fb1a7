// Vite build of the browser client (game/) into dist/client, which the server serves on its own port.
import { defineConfig } from "vite";

export default defineConfig({
  root: "game",
  publicDir: "public",
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // Phaser in its own long-cached chunk: game code changes do not re-download the engine.
        manualChunks: (id) => (id.includes("node_modules/phaser") ? "phaser" : undefined),
      },
    },
  },
  server: {
    port: 5173,
  },
});
