import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Test files that start the production server: they run one at a time, after all the others,
 * so that only the first builds when the build is stale (two builds at once into .next break
 * each other) and none measures the server while other files load the machine.
 */
const PRODUCTION_SERVER_TESTS = [
  "tests/integration/request-limits.test.ts",
  "tests/integration/overload.test.ts",
  "tests/integration/cluster.test.ts",
];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    globalSetup: ["tests/setup/global-database.ts"],
    pool: "forks",
    // A guard against hangs, not a speed budget (those live in `npm run bench`): the property
    // tests run thousands of cases and took 6–19 s on a loaded 2-core machine.
    testTimeout: 60_000,
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // inlined, Vite resolves it (data-layer modules reach next-auth through lib/server/learners).
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit+integration",
          include: ["tests/**/*.test.ts"],
          exclude: PRODUCTION_SERVER_TESTS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "production-server",
          include: PRODUCTION_SERVER_TESTS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
