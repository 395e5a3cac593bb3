import Database from "better-sqlite3";
import { assertThrowawayDatabase } from "../lib/config/assert-throwaway-database";

/** Read-only look into the run's throw-away database, to assert what the server stored. */
export function countRows(sql: string, ...params: unknown[]): number {
  const file = process.env.PODDECK_TEST_DB ?? "";
  assertThrowawayDatabase(file);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare(sql).get(...params) as { n: number };
    return row.n;
  } finally {
    sqlite.close();
  }
}

export function readValue<T>(sql: string, ...params: unknown[]): T {
  const file = process.env.PODDECK_TEST_DB ?? "";
  assertThrowawayDatabase(file);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare(sql).get(...params) as { value: T }).value;
  } finally {
    sqlite.close();
  }
}

export function readValues<T>(sql: string, ...params: unknown[]): T[] {
  const file = process.env.PODDECK_TEST_DB ?? "";
  assertThrowawayDatabase(file);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare(sql).all(...params) as { value: T }[]).map((row) => row.value);
  } finally {
    sqlite.close();
  }
}

/**
 * New cards a fresh learner is offered today in one deck: the default 20 a day, but never two
 * questions from the same fact on one day, so at most one per sibling key.
 */
export function freshNewCards(deckId: string): number {
  const facts = countRows(
    "SELECT count(DISTINCT siblingKey) AS n FROM Question WHERE deckId = ? AND retiredAt IS NULL",
    deckId,
  );
  return Math.min(20, facts);
}
