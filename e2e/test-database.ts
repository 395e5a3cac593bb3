import Database from "better-sqlite3";
import { assertThrowawayDatabase } from "../lib/config/assert-throwaway-database";
import { isPostgresUrl } from "../lib/config/database-url";
import { queryPostgresSync } from "./postgres-sync";

/**
 * Read-only look into the run's throw-away database, to assert what the server stored: a SQLite
 * file, or a PostgreSQL URL (`npm run test:e2e:postgres`). The same SQL runs on both: `?`
 * placeholders, mixed-case identifiers in double quotes ("ReviewLog"."learnerId").
 */
function queryRows(sql: string, params: unknown[]): Record<string, unknown>[] {
  const database = process.env.PODDECK_TEST_DB ?? "";
  assertThrowawayDatabase(database);
  if (isPostgresUrl(database)) {
    return queryPostgresSync(database, [{ sql, params }])[0] as Record<string, unknown>[];
  }
  const sqlite = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}

export function countRows(sql: string, ...params: unknown[]): number {
  return queryRows(sql, params)[0]!.n as number;
}

export function readValue<T>(sql: string, ...params: unknown[]): T {
  return queryRows(sql, params)[0]!.value as T;
}

export function readValues<T>(sql: string, ...params: unknown[]): T[] {
  return queryRows(sql, params).map((row) => row.value as T);
}

/**
 * New cards a fresh learner is offered today in one deck: the default 20 a day, but never two
 * questions from the same fact on one day, so at most one per sibling key.
 */
export function freshNewCards(deckId: string): number {
  const facts = countRows(
    `SELECT count(DISTINCT "siblingKey") AS n FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL`,
    deckId,
  );
  return Math.min(20, facts);
}
