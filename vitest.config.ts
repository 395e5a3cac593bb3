import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
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
  },
});
