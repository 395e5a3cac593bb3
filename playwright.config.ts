import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { assertThrowawayDatabase } from "./lib/config/assert-throwaway-database";
import { isPostgresUrl } from "./lib/config/database-url";

// One throw-away database per run. Set once in the main process; workers inherit it. On
// PostgreSQL (`npm run test:e2e:postgres`, scripts/with-postgres.ts) it is DATABASE_URL's.
if (isPostgresUrl(process.env.DATABASE_URL)) process.env.PODDECK_TEST_DB = process.env.DATABASE_URL;
process.env.PODDECK_TEST_DB ??= path.join(
  os.tmpdir(),
  `poddeck-test-e2e-${Date.now()}-${process.pid}.db`,
);
const database = process.env.PODDECK_TEST_DB;
// e2e/fuzz.test.ts: one seed per run, so a retry sends the same requests (FUZZ_SEED=<n> replays).
process.env.FUZZ_SEED ??= String(Math.floor(Math.random() * 2 ** 31));
assertThrowawayDatabase(database);

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.test.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalTeardown: "./e2e/global-teardown.ts",
  // The default 5 s is too short for a sign-up (two argon2id checks) or a server action while both
  // workers run accounts-heavy tests on a 2-core machine (seen in CI: class rows at 5–6 s).
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "on-first-retry",
    launchOptions: {
      // Debian's headless shell, the build Playwright itself runs headless: the full browser's
      // headless mode cost 4× the CPU (measured: 301 s vs 70 s for the same 16 tests, the
      // browser 80 % of the suite's CPU on a 2-core machine) — decision 014.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell",
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testIgnore: "**/*.phone.test.ts",
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], channel: undefined },
      testMatch: "**/*.phone.test.ts",
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: isPostgresUrl(database) ? database : `file:${database}`,
      PODDECK_TEST: "1",
      // The browser tests use email and password only, whatever the machine has configured.
      AUTH_GITHUB_ID: "",
      AUTH_GOOGLE_ID: "",
      // Two workers, their browsers and the fuzzer share two cores with the server: an event-loop
      // stall over the default 1 s wait would shed a test's request with 503 (seen in CI: a class
      // form left pending). Shedding has its own test and server (tests/integration/overload.test.ts).
      PODDECK_MAX_WAIT_MS: "15000",
    },
  },
});
