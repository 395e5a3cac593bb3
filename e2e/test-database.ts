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
