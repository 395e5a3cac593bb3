import Database from "better-sqlite3";
import { resolveDatabaseFile } from "@/lib/config/database-url";

/**
 * The bare baseline `npm run bench` compares our routes with: one prepared better-sqlite3
 * statement per request, no Prisma, no domain logic. Only served when PODDECK_BENCH=1.
 */
let statements: { insert: Database.Statement; select: Database.Statement } | null = null;

function prepare() {
  if (statements) return statements;
  const sqlite = new Database(resolveDatabaseFile());
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.exec(
    "CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)",
  );
  statements = {
    insert: sqlite.prepare("INSERT INTO bench_baseline (payload) VALUES (?)"),
    select: sqlite.prepare("SELECT id, due FROM Card WHERE learnerId = ? ORDER BY due LIMIT 1"),
  };
  return statements;
}

export function isBenchEnabled(): boolean {
  return process.env.PODDECK_BENCH === "1";
}

export function baselineInsert(payload: string): void {
  prepare().insert.run(payload);
}

export function baselineSelect(learnerId: string): unknown {
  return prepare().select.get(learnerId) ?? null;
}
