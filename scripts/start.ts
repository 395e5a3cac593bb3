/**
 * `npm start`: everything a fresh clone needs, in order — environment, secret, port, database,
 * migrations, decks, production build (only when stale) — then the production server
 * (scripts/serve.ts: Next.js behind the admission gate that sheds load when saturated).
 * `npm run dev` does the same but serves with `next dev`. `npm run start:cluster -- --instances N`
 * (PostgreSQL only) serves N production servers behind HAProxy on PORT, on PORT+1…PORT+N.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSync, stop as stopEsbuild } from "esbuild";
import { EnvError, readEnv } from "@/lib/config/env";
import { databaseUrlFor, describeDatabase, isPostgresUrl } from "@/lib/config/database-url";
import { assertThrowawayDatabase } from "@/lib/config/assert-throwaway-database";
import { ensureAuthSecret } from "@/lib/tooling/auth-secret";
import { loadDecks } from "@/lib/tooling/load-decks";
import { computeBuildStamp, isBuildCurrent, writeBuildStamp } from "@/lib/tooling/build-stamp";
import { findHaproxy, haproxyConfig, type Instance } from "@/lib/tooling/haproxy";
import { applyMigrations, checkDatabase, StartupError } from "@/lib/tooling/prepare-database";

const root = path.resolve(import.meta.dirname, "..");
function readArgs() {
  try {
    return parseArgs({
      options: {
        dev: { type: "boolean", default: false },
        cluster: { type: "boolean", default: false },
        instances: { type: "string", default: "2" },
      },
    }).values;
  } catch (error) {
    console.error(
      `PodDeck: ${(error as Error).message}; usage: npm start | npm run dev | npm run start:cluster -- --instances N`,
    );
    process.exit(1);
  }
}
const args = readArgs();
const dev = args.dev;
/** A cluster of 1 is allowed: HAProxy in front of one instance, the same setup as N. */
const MAX_INSTANCES = 16;
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

/** What `--cluster` needs before anything is prepared: PostgreSQL, HAProxy, a count, free ports. */
async function planCluster(env: ReturnType<typeof readEnv>) {
  if (dev) throw new StartupError("--cluster serves the production build; it has no --dev");
  const count = Number(args.instances);
  if (!Number.isInteger(count) || count < 1 || count > MAX_INSTANCES) {
    throw new StartupError(`--instances must be a whole number from 1 to ${MAX_INSTANCES}`);
  }
  if (!isPostgresUrl(env.database)) {
    throw new StartupError(
      "several instances need PostgreSQL: set DATABASE_URL=postgresql://… (a SQLite file belongs to one process; see README, Running on PostgreSQL)",
    );
  }
  const haproxy = findHaproxy();
  if (!haproxy) {
    throw new StartupError("HAProxy is not installed: `apt-get install -y haproxy` (Debian)");
  }
  const instances: Instance[] = Array.from({ length: count }, (_, i) => ({
    name: `instance${i + 1}`,
    port: env.PORT + 1 + i,
  }));
  if (instances.at(-1)!.port > 65535) throw new StartupError("PORT leaves no room for instances");
  for (const instance of instances) await assertPortFree(instance.port);
  return { haproxy, instances };
}

/** Resolves when the server prints that it is serving; rejects if it exits first. */
function serving(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (/PodDeck: serving at/.test(seen)) {
        child.stdout?.off("data", onData);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new StartupError(`${name} exited (${code}) on start`)));
  });
}

/** Prefixes each line a child prints with its name. */
function prefixLines(stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream, name: string) {
  let partial = "";
  stream?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

/**
 * N production servers and HAProxy in front of them (docs/decisions/013-several-instances.md).
 * An instance that dies stays dead (HAProxy's check takes it out; a supervisor such as systemd
 * would restart it); HAProxy exiting, or SIGINT/SIGTERM, stops everything, and the config's
 * temp folder is removed.
 */
async function serveCluster(
  plan: Awaited<ReturnType<typeof planCluster>>,
  port: number,
  childEnv: NodeJS.ProcessEnv,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-haproxy-"));
  const config = path.join(dir, "haproxy.cfg");
  fs.writeFileSync(config, haproxyConfig({ port, instances: plan.instances }));
  const children: ChildProcess[] = [];
  let stopping = false;
  const cleanUp = () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", cleanUp);
  const stop = (signal: NodeJS.Signals, code: number) => {
    if (stopping) return;
    stopping = true;
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    let left = running.length;
    if (left === 0) process.exit(code);
    for (const child of running) {
      child.once("exit", () => --left === 0 && process.exit(code));
      child.kill(signal);
    }
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => stop(signal, signal === "SIGINT" ? 130 : 143));
  }

  const started = plan.instances.map((instance) => {
    const child = spawn(process.execPath, [...heapFlags(), serverBundle], {
      cwd: root,
      env: { ...childEnv, NODE_ENV: "production", PORT: String(instance.port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    prefixLines(child.stdout, process.stdout, instance.name);
    prefixLines(child.stderr, process.stderr, instance.name);
    log(`${instance.name} (pid ${child.pid}) starting on port ${instance.port}`);
    child.on("exit", (code, signal) => {
      if (!stopping) {
        log(
          `${instance.name} exited (${signal ?? code}); HAProxy sends its requests to the others`,
        );
      }
    });
    return serving(child, instance.name);
  });
  await Promise.all(started);
  const balancer = spawn(plan.haproxy, ["-db", "-f", config], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(balancer);
  balancer.on("exit", (code, signal) => {
    if (stopping) return;
    log(`HAProxy exited (${signal ?? code}); stopping the instances`);
    stop("SIGTERM", 1);
  });
  const list = plan.instances.map((i) => `${i.name} :${i.port}`).join(", ");
  log(`serving at http://localhost:${port} through HAProxy (round robin over ${list})`);
}

async function main() {
  const env = readEnv();
  if (process.env.PODDECK_TEST === "1") assertThrowawayDatabase(env.database);
  const cluster = args.cluster ? await planCluster(env) : null;
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
  if (cluster) return serveCluster(cluster, env.PORT, childEnv);

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
