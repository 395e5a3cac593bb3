import { spawn } from "node:child_process";
import os from "node:os";
import { startPostgresCluster } from "@/lib/tooling/postgres-cluster";
import { applyMigrations } from "@/lib/tooling/prepare-database";

/*
 * `tsx scripts/with-postgres.ts <command…>`: runs the command against a throw-away PostgreSQL
 * cluster (lib/tooling/postgres-cluster.ts) with one migrated database, poddeck_test_e2e, in
 * DATABASE_URL; the cluster is stopped and deleted afterwards, on Ctrl-C and on SIGTERM, and
 * the exit code is the command's. `npm run test:e2e:postgres` runs the browser tests this way.
 * PODDECK_PG_FIRST_PORT: the first port tried for the cluster (default 55432).
 */

const DATABASE = "poddeck_test_e2e";

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error("usage: tsx scripts/with-postgres.ts <command> [args…]");
  process.exit(2);
}

const cluster = await startPostgresCluster();
cluster.psql(`CREATE DATABASE ${DATABASE}`);
const url = cluster.url(DATABASE);
await applyMigrations(process.cwd(), url);
console.error(`with-postgres: ${url}`);

const child = spawn(command[0]!, command.slice(1), {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url },
});
// The cluster's own handlers stop it on a signal; the command gets the signal first.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.prependListener(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  cluster.stop();
  process.exit(code ?? 128 + (signal ? os.constants.signals[signal] : 1));
});
