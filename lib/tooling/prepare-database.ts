import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import {
  databaseUrlFor,
  describeDatabase,
  isPostgresUrl,
  providerOf,
} from "@/lib/config/database-url";

export class StartupError extends Error {}

/** Each provider's migrations: prisma/sqlite/migrations or prisma/postgres/migrations. */
export function migrationsFolder(root: string, database: string): string {
  const folder = providerOf(database) === "postgresql" ? "postgres" : "sqlite";
  return path.join(root, "prisma", folder, "migrations");
}

interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: unknown;
  rolledBackAt: unknown;
}

const APPLIED_MIGRATIONS_SQL = `SELECT migration_name AS name, checksum, finished_at AS "finishedAt", rolled_back_at AS "rolledBackAt" FROM _prisma_migrations`;

/** Prisma's `_prisma_migrations` rows, or null when the table is not there yet. */
async function appliedMigrations(database: string): Promise<AppliedMigration[] | null> {
  if (isPostgresUrl(database)) {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      const table = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
      if (!table.rows[0]?.t) return null;
      return (await client.query<AppliedMigration>(APPLIED_MIGRATIONS_SQL)).rows;
    } finally {
      await client.end();
    }
  }
  if (!fs.existsSync(database)) return null;
  const sqlite = new Database(database, { readonly: true });
  try {
    const table = sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return null;
    return sqlite.prepare(APPLIED_MIGRATIONS_SQL).all() as AppliedMigration[];
  } finally {
    sqlite.close();
  }
}

/**
 * Opens the database once with the driver so a bad path or an unreachable server fails with a
 * sentence, not a Prisma stack.
 */
export async function checkDatabase(database: string): Promise<void> {
  if (isPostgresUrl(database)) {
    const client = new pg.Client({ connectionString: database, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StartupError(
        `cannot reach the database ${describeDatabase("", database)}: ${reason}`,
      );
    } finally {
      await client.end().catch(() => {});
    }
    return;
  }
  const file = database;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const probe = new Database(file);
    try {
      probe.pragma("journal_mode = WAL");
      probe.prepare("SELECT count(*) FROM sqlite_master").get();
    } finally {
      probe.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`cannot open the database ${file}: ${reason}`);
  }
}

/**
 * Whether every migration of the database's provider is recorded in it as applied, unchanged
 * (Prisma's checksum is the SHA-256 of migration.sql), with no failed or unknown one. Read from
 * Prisma's own `_prisma_migrations` table: a restart skips the CLI, which costs ≈ 2.6 s of CPU.
 */
export async function migrationsUpToDate(root: string, database: string): Promise<boolean> {
  const folder = migrationsFolder(root, database);
  const local = new Map(
    fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => [
        entry.name,
        createHash("sha256")
          .update(fs.readFileSync(path.join(folder, entry.name, "migration.sql")))
          .digest("hex"),
      ]),
  );
  const rows = await appliedMigrations(database);
  if (!rows) return false;
  const applied = rows.filter((row) => row.rolledBackAt === null);
  return (
    applied.length === local.size &&
    applied.every((row) => row.finishedAt !== null && local.get(row.name) === row.checksum)
  );
}

/**
 * `prisma migrate deploy`: applies pending migrations. Skipped when `migrationsUpToDate`; anything
 * else (pending, edited, failed or unknown migrations) goes to Prisma, which applies or explains.
 */
export async function applyMigrations(root: string, database: string): Promise<void> {
  if (await migrationsUpToDate(root, database)) return;
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [cli, "migrate", "deploy"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrlFor(database),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
    const line = output
      .split("\n")
      .map((l) => l.trim())
      .find((l) => /^Error|error:/i.test(l));
    throw new StartupError(
      `migrations could not be applied to ${describeDatabase(root, database)}: ${line ?? "prisma migrate deploy failed"}`,
    );
  }
}
