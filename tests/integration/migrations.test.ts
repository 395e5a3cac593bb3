import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/tooling/prepare-database";

function schemaOf(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT type, name, tbl_name, sql FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' AND tbl_name <> '_prisma_migrations'
         ORDER BY type, name`,
      )
      .all()
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
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
