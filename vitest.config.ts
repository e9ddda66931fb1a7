// Vitest projects: unit (pure shared code), integration (real server + SDK clients), browser (Chromium + built client), bench (the benchmark at tiny size).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One test file at a time across all projects: the integration servers, the browser pages and the
    // tiny benchmark all run real 60 Hz rooms, and on a 2-core machine they would starve each other.
    maxWorkers: 1,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          // Each file boots its own server on its own port; files run one at a time so that
          // their 60 Hz rooms do not starve each other on a 2-core machine.
          fileParallelism: false,
          testTimeout: 30_000,
          // Hooks start servers, Redis and child processes: a cold start under a load average of 15 took over 20 s.
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "bench",
          include: ["test/bench/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
