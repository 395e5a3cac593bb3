/**
 * `npm start`: everything a fresh clone needs, in order — environment, secret, port, database,
 * migrations, decks, production build (only when stale) — then the production server
 * (scripts/serve.ts: Next.js behind the admission gate that sheds load when saturated).
 * `npm run dev` does the same but serves with `next dev`.
 */
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { buildSync, stop as stopEsbuild } from "esbuild";
import { EnvError, readEnv } from "@/lib/config/env";
import { databaseUrlFor, describeDatabase } from "@/lib/config/database-url";
import { assertThrowawayDatabase } from "@/lib/config/assert-throwaway-database";
import { ensureAuthSecret } from "@/lib/tooling/auth-secret";
import { loadDecks } from "@/lib/tooling/load-decks";
import { computeBuildStamp, isBuildCurrent, writeBuildStamp } from "@/lib/tooling/build-stamp";
import { applyMigrations, checkDatabase, StartupError } from "@/lib/tooling/prepare-database";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const serverBundle = path.join(root, ".next", "poddeck-server.mjs");

function log(message: string) {
  console.log(`PodDeck: ${message}`);
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      const hint = `set PORT to a free one, e.g. PORT=${port + 1} npm start`;
      reject(
        new StartupError(
          error.code === "EADDRINUSE"
            ? `port ${port} is already in use; ${hint}`
            : `cannot listen on port ${port} (${error.code ?? error.message}); ${hint}`,
        ),
      );
    });
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

function buildIfStale(env: NodeJS.ProcessEnv) {
  const stamp = computeBuildStamp(root);
  if (isBuildCurrent(root, stamp)) {
    log("production build is current");
    return;
  }
  log("building the production bundle (about a minute on first start)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (result.status !== 0)
    throw new StartupError("the production build failed (see the output above)");
  // Recomputed: `next build` may itself touch an input (it adds its types folder to tsconfig).
  writeBuildStamp(root, computeBuildStamp(root));
}

/**
 * scripts/serve.ts as one plain JavaScript file (our modules inlined, packages imported): run
 * through a TypeScript loader instead, the server process measured ≈ 65 MB more RSS (tsx's
 * loader thread). Rebuilt on every start; it takes well under a second.
 */
async function bundleServer() {
  buildSync({
    entryPoints: [path.join(root, "scripts", "serve.ts")],
    outfile: serverBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  await stopEsbuild(); // its helper process would otherwise live as long as this script
}

/**
 * A cap on the server's heap. The study routes' live heap stays near 50 MB even at 200
 * concurrent learners, but on a machine with plenty of memory V8 lets garbage pile up to 250 MB
 * and more before a full collection, so a cap keeps RSS down. It must still hold a live game of
 * 2,000 players: 2,000 open event streams (≈ 80 KB each in Next.js) overflowed a 128 MB cap and
 * the server died of "heap out of memory" mid-lobby (bench/live-game-load.ts). Production only;
 * NODE_OPTIONS with its own --max-old-space-size wins.
 */
const SERVER_OLD_SPACE_MB = 384;

function heapFlags(): string[] {
  return /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? "")
    ? []
    : [`--max-old-space-size=${SERVER_OLD_SPACE_MB}`];
}

async function main() {
  const env = readEnv();
  if (process.env.PODDECK_TEST === "1") assertThrowawayDatabase(env.database);
  const authSecret = ensureAuthSecret(env.AUTH_SECRET, path.join(root, "var"));
  await assertPortFree(env.PORT);
  await checkDatabase(env.database);
  await applyMigrations(root, env.database);
  log(`database ready at ${describeDatabase(root, env.database)}`);
  await loadDecks(root, env.database, log);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrlFor(env.database),
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(env.PORT),
  };
  if (!dev) {
    buildIfStale({ ...childEnv, NODE_ENV: "production" });
    await bundleServer();
  }

  const server = spawn(
    process.execPath,
    dev ? [nextBin, "dev", "-p", String(env.PORT)] : [...heapFlags(), serverBundle],
    {
      cwd: root,
      env: { ...childEnv, NODE_ENV: dev ? "development" : "production" },
      stdio: ["inherit", "pipe", "inherit"],
    },
  );
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (dev && /Ready in/.test(chunk.toString())) log(`serving at http://localhost:${env.PORT}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.kill(signal));
  }
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  if (error instanceof StartupError || error instanceof EnvError) {
    console.error(`PodDeck: ${error.message}`);
    process.exit(1);
  }
  throw error;
});
