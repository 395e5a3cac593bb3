/**
 * `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * from the difference between schema.prisma now and as it was at the last committed migration.
 * (`prisma migrate dev` needs a shadow database the JS schema engine cannot give; see
 * docs/decisions/001-prisma-6-js-engine.md.)
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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
const lastMigrationCommit = git("log", "-1", "--format=%H", "--", "prisma/migrations");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-migration-"));
const previous = path.join(tmp, "previous.prisma");
const from = lastMigrationCommit
  ? (fs.writeFileSync(previous, git("show", `${lastMigrationCommit}:prisma/schema.prisma`)),
    ["--from-schema-datamodel", previous])
  : ["--from-empty"];

const diff = spawnSync(
  process.execPath,
  [
    path.join(root, "node_modules/prisma/build/index.js"),
    "migrate",
    "diff",
    ...from,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${path.join(tmp, "cli.db")}` },
  },
);
fs.rmSync(tmp, { recursive: true, force: true });
if (diff.status !== 0) fail(diff.stderr.trim() || "prisma migrate diff failed");
if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|PRAGMA)\b/.test(diff.stdout)) {
  fail("schema.prisma has no changes since the last migration");
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
console.log(
  `new-migration: wrote ${path.relative(root, dir)}/migration.sql — review it, then commit it with schema.prisma`,
);
