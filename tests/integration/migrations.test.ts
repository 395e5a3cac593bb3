import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations, migrationsUpToDate } from "@/lib/tooling/prepare-database";

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

describe("migrations", () => {
  it("build exactly the schema that schema.prisma describes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-migrations-"));
    const migrated = path.join(dir, "migrated.db");
    const fromSchema = path.join(dir, "from-schema.db");
    applyMigrations(process.cwd(), migrated);

    const diff = spawnSync(
      process.execPath,
      [
        "node_modules/prisma/build/index.js",
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "cli.db")}` },
      },
    );
    expect(diff.status, diff.stderr).toBe(0);
    const sqlite = new Database(fromSchema);
    sqlite.exec(diff.stdout);
    sqlite.close();

    const expected = schemaOf(fromSchema);
    expect(expected.length).toBeGreaterThan(0);
    expect(schemaOf(migrated)).toEqual(expected);
    expect(schemaOf(migrated, "triggers").map((t) => `${t.tbl_name}: ${t.name}`)).toEqual([
      "ReviewLog: AssignmentFirstGood_answer_delete",
      "ReviewLog: AssignmentFirstGood_answer_insert",
      "ReviewLog: AssignmentFirstGood_answer_update_new",
      "ReviewLog: AssignmentFirstGood_answer_update_old",
      "Assignment: AssignmentFirstGood_assignment_insert",
      "Assignment: AssignmentFirstGood_assignment_update",
      "Enrollment: AssignmentFirstGood_enrollment_delete",
      "Enrollment: AssignmentFirstGood_enrollment_insert",
      "Enrollment: AssignmentFirstGood_enrollment_update",
      "ReviewLog: ReviewBucket_delete",
      "ReviewLog: ReviewBucket_insert",
      "ReviewLog: ReviewBucket_update",
      "ReviewLog: ReviewTally_delete",
      "ReviewLog: ReviewTally_insert",
      "ReviewLog: ReviewTally_update",
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("are skipped on a restart only while every one is applied unchanged", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-migrations-"));
    const file = path.join(dir, "app.db");
    // A copy of the project's migrations folder that the test can add to and edit.
    const root = path.join(dir, "project");
    fs.cpSync(
      path.join(process.cwd(), "prisma", "migrations"),
      path.join(root, "prisma", "migrations"),
      {
        recursive: true,
      },
    );
    expect(migrationsUpToDate(root, file), "no database yet").toBe(false);
    applyMigrations(process.cwd(), file);
    expect(migrationsUpToDate(root, file)).toBe(true);

    const [first] = fs.readdirSync(path.join(root, "prisma", "migrations")).sort();
    const edited = path.join(root, "prisma", "migrations", first!, "migration.sql");
    const original = fs.readFileSync(edited);
    fs.appendFileSync(edited, "\n-- edited after it was applied\n");
    expect(migrationsUpToDate(root, file), "an applied migration was edited").toBe(false);
    fs.writeFileSync(edited, original);

    const pending = path.join(root, "prisma", "migrations", "99990101000000_pending");
    fs.mkdirSync(pending);
    fs.writeFileSync(path.join(pending, "migration.sql"), "CREATE TABLE Pending (id TEXT);\n");
    expect(migrationsUpToDate(root, file), "a migration is pending").toBe(false);
    fs.rmSync(pending, { recursive: true });

    const sqlite = new Database(file);
    sqlite
      .prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?")
      .run(first);
    sqlite.close();
    expect(migrationsUpToDate(root, file), "a migration failed halfway").toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
