/**
 * `npm run db:new-migration -- <name>`: writes `<timestamp>_<name>/migration.sql` for both
 * providers from the change to prisma/models.prisma:
 * - prisma/sqlite/migrations: the difference between the models now and as they were at the last
 *   commit that touched those migrations (`prisma migrate dev` and `--from-migrations` need a
 *   shadow database the JS schema engine cannot give on SQLite; decision 001);
 * - prisma/postgres/migrations: `migrate diff --from-migrations` against its own migrations, in a
 *   throw-away PostgreSQL cluster (Debian's postgresql must be installed; no server need run).
 * Hand-written parts (triggers, data backfills) are added by hand to both, twin for twin.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresClusterError, startPostgresCluster } from "@/lib/tooling/postgres-cluster";

const root = path.resolve(import.meta.dirname, "..");
const name = process.argv[2];

function fail(message: string): never {
  console.error(`new-migration: ${message}`);
  process.exit(1);
}

if (!name || !/^[a-z0-9_]+$/.test(name))
  fail("usage: npm run db:new-migration -- <snake_case_name>");

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();

function diff(from: string[], to: string, databaseUrl: string): string {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      ...from,
      "--to-schema-datamodel",
      to,
      "--script",
    ],
    { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  if (result.status !== 0) fail(result.stderr.trim() || "prisma migrate diff failed");
  return result.stdout;
}

const hasChanges = (script: string) =>
  /\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|PRAGMA)\b/.test(script);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-migration-"));
let sqlite: string;
let postgres: string;
try {
  const lastMigrationCommit = git("log", "-1", "--format=%H", "--", "prisma/sqlite/migrations");
  const previous = path.join(tmp, "previous");
  fs.mkdirSync(previous);
  fs.copyFileSync(
    path.join(root, "prisma/sqlite/schema.prisma"),
    path.join(previous, "schema.prisma"),
  );
  fs.writeFileSync(
    path.join(previous, "models.prisma"),
    git("show", `${lastMigrationCommit}:prisma/models.prisma`),
  );
  sqlite = diff(["--from-schema-datamodel", previous], "prisma/sqlite", `file:${tmp}/cli.db`);

  const cluster = await startPostgresCluster();
  try {
    cluster.psql("CREATE DATABASE cli");
    postgres = diff(
      ["--from-migrations", "prisma/postgres/migrations"],
      "prisma/postgres",
      cluster.url("cli"),
    );
  } finally {
    cluster.stop();
  }
} catch (error) {
  if (error instanceof PostgresClusterError) fail(error.message);
  throw error;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (!hasChanges(sqlite) && !hasChanges(postgres)) {
  fail("prisma/models.prisma has no changes since the last migration");
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [provider, script] of [
  ["sqlite", sqlite],
  ["postgres", postgres],
] as const) {
  if (!hasChanges(script)) {
    console.log(`new-migration: nothing to write for ${provider}`);
    continue;
  }
  const dir = path.join(root, "prisma", provider, "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), script);
  console.log(`new-migration: wrote ${path.relative(root, dir)}/migration.sql`);
}
console.log("new-migration: review both, then commit them with prisma/models.prisma");
