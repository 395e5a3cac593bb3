import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { isPostgresUrl } from "@/lib/config/database-url";
import { startPostgresCluster, type PostgresCluster } from "@/lib/tooling/postgres-cluster";
import {
  applyMigrations,
  checkDatabase,
  migrationsUpToDate,
  StartupError,
} from "@/lib/tooling/prepare-database";

/** `prisma migrate diff --from-empty` to the shared models, for one provider's schema folder. */
function schemaScript(provider: "sqlite" | "postgres", databaseUrl: string): string {
  const diff = spawnSync(
    process.execPath,
    [
      "node_modules/prisma/build/index.js",
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      `prisma/${provider}`,
      "--script",
    ],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  expect(diff.status, diff.stderr).toBe(0);
  return diff.stdout;
}

/**
 * Tables and indexes (`type` "table"/"index"), or the triggers, which schema.prisma cannot
 * describe: the migrations add them to keep derived tables (ReviewTally, AssignmentFirstGood)
 * in step, and tests/integration/assignment-first-good.test.ts holds them to the answer log.
 */
function schemaOf(file: string, objects: "tables" | "triggers" = "tables") {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT type, name, tbl_name, sql FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' AND tbl_name <> '_prisma_migrations'
           AND (type = 'trigger') = ?
         ORDER BY type, name`,
      )
      .all(objects === "triggers" ? 1 : 0)
      .map((row) => {
        const r = row as { type: string; name: string; tbl_name: string; sql: string | null };
        return { ...r, sql: (r.sql ?? "").replace(/\s+/g, " ").trim() };
      });
  } finally {
    sqlite.close();
  }
}

/** `table: trigger` for every trigger the migrations made, sorted. */
function sqliteTriggers(file: string): string[] {
  return schemaOf(file, "triggers")
    .map((t) => `${t.tbl_name}: ${t.name}`)
    .sort();
}

/** What PostgreSQL's catalog says of the public schema, minus Prisma's own table. */
async function postgresSchemaOf(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await rows(`SELECT table_name, column_name, data_type, is_nullable, column_default,
          numeric_precision, datetime_precision
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        ORDER BY tablename, indexname`),
      constraints: await rows(`SELECT c.conrelid::regclass::text AS "table", c.conname,
          pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'
        ORDER BY 1, 2`),
    };
  } finally {
    await client.end();
  }
}

/** Triggers SQLite has no use for: LISTEN/NOTIFY exists only on PostgreSQL. */
const POSTGRES_ONLY_TRIGGERS = ["LiveGame: LiveGame_notify_changed"];

async function postgresTriggers(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ entry: string }>(
      `SELECT c.relname || ': ' || t.tgname AS entry FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal`,
    );
    return rows.map((r) => r.entry).sort();
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("build exactly the schema that the shared models describe (SQLite)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-migrations-"));
    const migrated = path.join(dir, "migrated.db");
    const fromSchema = path.join(dir, "from-schema.db");
    await applyMigrations(process.cwd(), migrated);

    const sqlite = new Database(fromSchema);
    sqlite.exec(schemaScript("sqlite", `file:${path.join(dir, "cli.db")}`));
    sqlite.close();

    const expected = schemaOf(fromSchema);
    expect(expected.length).toBeGreaterThan(0);
    expect(schemaOf(migrated)).toEqual(expected);
    expect(sqliteTriggers(migrated)).toEqual([
      "Assignment: AssignmentFirstGood_assignment_insert",
      "Assignment: AssignmentFirstGood_assignment_update",
      "Enrollment: AssignmentFirstGood_enrollment_delete",
      "Enrollment: AssignmentFirstGood_enrollment_insert",
      "Enrollment: AssignmentFirstGood_enrollment_update",
      "ReviewLog: AssignmentFirstGood_answer_delete",
      "ReviewLog: AssignmentFirstGood_answer_insert",
      "ReviewLog: AssignmentFirstGood_answer_update_new",
      "ReviewLog: AssignmentFirstGood_answer_update_old",
      "ReviewLog: ReviewBucket_delete",
      "ReviewLog: ReviewBucket_insert",
      "ReviewLog: ReviewBucket_update",
      "ReviewLog: ReviewTally_delete",
      "ReviewLog: ReviewTally_insert",
      "ReviewLog: ReviewTally_update",
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("are skipped on a restart only while every one is applied unchanged", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-migrations-"));
    const file = path.join(dir, "app.db");
    // A copy of the project's migrations folder that the test can add to and edit.
    const root = path.join(dir, "project");
    fs.cpSync(
      path.join(process.cwd(), "prisma", "sqlite", "migrations"),
      path.join(root, "prisma", "sqlite", "migrations"),
      {
        recursive: true,
      },
    );
    expect(await migrationsUpToDate(root, file), "no database yet").toBe(false);
    await applyMigrations(process.cwd(), file);
    expect(await migrationsUpToDate(root, file)).toBe(true);

    const [first] = fs.readdirSync(path.join(root, "prisma", "sqlite", "migrations")).sort();
    const edited = path.join(root, "prisma", "sqlite", "migrations", first!, "migration.sql");
    const original = fs.readFileSync(edited);
    fs.appendFileSync(edited, "\n-- edited after it was applied\n");
    expect(await migrationsUpToDate(root, file), "an applied migration was edited").toBe(false);
    fs.writeFileSync(edited, original);

    const pending = path.join(root, "prisma", "sqlite", "migrations", "99990101000000_pending");
    fs.mkdirSync(pending);
    fs.writeFileSync(path.join(pending, "migration.sql"), "CREATE TABLE Pending (id TEXT);\n");
    expect(await migrationsUpToDate(root, file), "a migration is pending").toBe(false);
    fs.rmSync(pending, { recursive: true });

    const sqlite = new Database(file);
    sqlite
      .prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?")
      .run(first);
    sqlite.close();
    expect(await migrationsUpToDate(root, file), "a migration failed halfway").toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe("PostgreSQL migrations", () => {
  // This run's own cluster when it is on PostgreSQL, else one for this file: the drift checks run
  // on every `npm test`, whichever database the other tests use.
  let cluster: PostgresCluster | undefined;
  let serverUrl: (database: string) => string;
  let createDatabase: (name: string) => Promise<void>;

  beforeAll(async () => {
    const base = inject("migratedDatabase");
    if (isPostgresUrl(base)) {
      serverUrl = (database) =>
        Object.assign(new URL(base), { pathname: `/${database}` }).toString();
    } else {
      cluster = await startPostgresCluster();
      serverUrl = cluster.url;
    }
    createDatabase = async (name) => {
      const admin = new pg.Client({ connectionString: serverUrl("postgres") });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
    };
  }, 60_000);
  afterAll(() => cluster?.stop());

  it("build exactly the schema that the shared models describe, with every SQLite trigger's twin", async () => {
    const suffix = `${process.pid}_${Date.now()}`;
    const migrated = serverUrl(`poddeck_test_migrated_${suffix}`);
    const fromSchema = serverUrl(`poddeck_test_from_schema_${suffix}`);
    await createDatabase(`poddeck_test_migrated_${suffix}`);
    await createDatabase(`poddeck_test_from_schema_${suffix}`);
    await applyMigrations(process.cwd(), migrated);
    expect(await migrationsUpToDate(process.cwd(), migrated)).toBe(true);

    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(schemaScript("postgres", fromSchema));
    await client.end();

    const expected = await postgresSchemaOf(fromSchema);
    expect(expected.columns.length).toBeGreaterThan(0);
    expect(await postgresSchemaOf(migrated)).toEqual(expected);

    // The triggers the SQLite migrations made (decision 007), by table and name, each with a
    // PostgreSQL twin: the baseline's plpgsql functions.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-migrations-"));
    const sqliteFile = path.join(dir, "migrated.db");
    await applyMigrations(process.cwd(), sqliteFile);
    const sqlite = sqliteTriggers(sqliteFile);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(sqlite.length).toBeGreaterThan(0);
    // Plus PostgreSQL's own: the NOTIFY of the live quiz across instances (decision 013).
    expect(await postgresTriggers(migrated)).toEqual([...sqlite, ...POSTGRES_ONLY_TRIGGERS].sort());
  }, 120_000);

  it("refuse an unreachable server with a sentence that hides the password", async () => {
    const check = checkDatabase("postgresql://poddeck:secret@127.0.0.1:1/poddeck");
    await expect(check).rejects.toBeInstanceOf(StartupError);
    await expect(check).rejects.toThrow(
      /^cannot reach the database postgresql:\/\/poddeck:\*\*\*@127\.0\.0\.1:1\/poddeck: /,
    );
  });
});
