import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

/*
 * `npm run db:backup` copies the live database while another connection keeps writing. Every
 * write below is one transaction adding a learner, one card and three review logs, so a copy
 * taken at a consistent point holds whole groups only, and sits between the counts before and
 * after the backup.
 */

const LOGS_PER_CARD = 3;
let t: TestDatabase;
let dir: string;

// db:backup copies a SQLite file; PostgreSQL is backed up with pg_dump.
const sqliteOnly = onPostgres();

beforeAll(async () => {
  if (sqliteOnly) return;
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: new Date("2026-03-02T06:00:00Z") });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-backup-"));
}, 60_000);
afterAll(async () => {
  if (sqliteOnly) return;
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A second connection that writes like the server: learner, card and its logs in one transaction. */
function openWriter(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const question = sqlite.prepare(`SELECT id, siblingKey FROM "Question" LIMIT 1`).get() as {
    id: string;
    siblingKey: string;
  };
  const stamp = new Date().toISOString();
  const insertLearner = sqlite.prepare(
    `INSERT INTO "Learner" (id, timeZone, createdAt, updatedAt) VALUES (?, 'UTC', ?, ?)`,
  );
  const insertCard = sqlite.prepare(
    `INSERT INTO "Card" (id, learnerId, questionId, due, stability, difficulty, elapsedDays,
       scheduledDays, learningSteps, reps, lapses, state, suspended, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 10, 5, 1, 1, 0, 3, 0, 2, 0, 3, ?, ?)`,
  );
  const insertLog = sqlite.prepare(
    `INSERT INTO "ReviewLog" (id, learnerId, cardId, questionId, clientAnswerId, siblingKey,
       rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays,
       learningSteps, previousDue, reviewedAt, durationMs, response)
     VALUES (?, ?, ?, ?, ?, ?, 3, 2, ?, 10, 5, 1, 1, 1, 0, ?, ?, 1000, '{}')`,
  );
  let n = 0;
  const writeOne = sqlite.transaction(() => {
    const id = `backup-${n++}`;
    insertLearner.run(id, stamp, stamp);
    insertCard.run(id, id, question.id, stamp, stamp, stamp);
    for (let r = 0; r < LOGS_PER_CARD; r++) {
      insertLog.run(
        `${id}-${r}`,
        id,
        id,
        question.id,
        `${id}-${r}`,
        question.siblingKey,
        stamp,
        stamp,
        stamp,
      );
    }
  });
  return { writeOne, close: () => sqlite.close() };
}

function reviewLogCount(file: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare(`SELECT count(*) AS n FROM "ReviewLog"`).get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

/** `npm run db:backup -- ...args` against the test database; resolves with its exit code and output. */
function runBackup(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/db-backup.ts", ...args],
    { env: { ...process.env, DATABASE_URL: `file:${t.file}` } },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe.skipIf(sqliteOnly)("npm run db:backup", () => {
  it("takes a consistent copy while another connection keeps writing", async () => {
    const writer = openWriter(t.file);
    for (let i = 0; i < 2000; i++) writer.writeOne(); // a database worth copying
    const target = path.join(dir, "live.db");
    const before = reviewLogCount(t.file);

    let backingUp = true;
    const backup = runBackup(target).finally(() => (backingUp = false));
    let written = 0;
    while (backingUp) {
      for (let i = 0; i < 20; i++) writer.writeOne();
      written += 20;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { code, output } = await backup;
    const after = reviewLogCount(t.file);
    writer.close();

    expect(code, output).toBe(0);
    expect(written, "writes went on during the backup").toBeGreaterThan(0);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("foreign_key_check")).toEqual([]);
      const logs = (copy.prepare(`SELECT count(*) AS n FROM "ReviewLog"`).get() as { n: number }).n;
      expect(logs, "the copy has what was there before").toBeGreaterThanOrEqual(before);
      expect(logs, "the copy is a point in time, not the end state").toBeLessThan(after);
      const orphans = copy
        .prepare(
          `SELECT count(*) AS n FROM "ReviewLog" r LEFT JOIN "Card" c ON c.id = r.cardId WHERE c.id IS NULL`,
        )
        .get() as { n: number };
      expect(orphans.n, "every review log's card is in the copy").toBe(0);
      const partial = copy
        .prepare(
          `SELECT count(*) AS n FROM "Card" c
           WHERE (SELECT count(*) FROM "ReviewLog" r WHERE r.cardId = c.id) <> ${LOGS_PER_CARD}`,
        )
        .get() as { n: number };
      expect(partial.n, "no write is half in the copy").toBe(0);
    } finally {
      copy.close();
    }
  }, 120_000);

  it("refuses to replace an existing file unless --force", async () => {
    const target = path.join(dir, "existing.db");
    fs.writeFileSync(target, "keep me");

    const refused = await runBackup(target);
    expect(refused.code).toBe(1);
    expect(refused.output.trim()).toBe(`db:backup: ${target} exists; pass --force to replace it`);
    expect(fs.readFileSync(target, "utf8")).toBe("keep me");

    const forced = await runBackup(target, "--force");
    expect(forced.code, forced.output).toBe(0);
    expect(reviewLogCount(target)).toBe(reviewLogCount(t.file));
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".partial"))).toEqual([]);
  }, 60_000);

  it("says how to call it without a file", async () => {
    const result = await runBackup();
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe("db:backup: usage: npm run db:backup -- <file> [--force]");
  }, 60_000);
});
