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
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
    // inlined, Vite resolves it (the data layer reaches next-auth through lib/server/learners).
    server: { deps: { inline: ["next-auth"] } },
  },
});
