import {
  DriverAdapterError,
  type ArgType,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import type { Prisma } from "@/lib/generated/prisma/client";
import { connectedDriverAdapter, type Db } from "./db";

/**
 * Hand-written SQL for the hot paths (next card, submit answer), sent to the driver adapter
 * under the process's one Prisma client: the same connection, the same turn-taking with the
 * client's transactions (serializeTransactions), the same argument and error mapping. Per
 * indexed one-row read, CPU measured on this machine (docs/decisions/010-hot-paths-on-the-driver-
 * adapter.md): Prisma's findUnique ≈ 1,200 µs, $queryRaw ≈ 340 µs, this ≈ 50 µs.
 *
 * Rows come back as the driver gives them (SQLite: integers as strings, dates as ISO text,
 * booleans as 0/1): callers normalise with Number(), new Date() and Number(x) === 1, which read
 * PostgreSQL's types as well. Keep the SQL portable: quoted identifiers, no SQLite-only syntax.
 */
export type SqlRow = Record<string, unknown>;

/** What a statement's unique constraint violation looks like to callers. */
export class UniqueViolationError extends Error {}

function argType(value: unknown): ArgType {
  if (value instanceof Date) return { scalarType: "datetime", arity: "scalar" };
  if (typeof value === "number") {
    return { scalarType: Number.isInteger(value) ? "int" : "float", arity: "scalar" };
  }
  if (typeof value === "boolean") return { scalarType: "boolean", arity: "scalar" };
  if (typeof value === "string") return { scalarType: "string", arity: "scalar" };
  return { scalarType: "unknown", arity: "scalar" };
}

function toQuery(adapter: SqlDriverAdapter, sql: Prisma.Sql): SqlQuery {
  return {
    // Prisma.Sql renders `?` placeholders in .sql and `$1` ones in .text.
    sql: adapter.provider === "postgres" ? sql.text : sql.sql,
    args: sql.values,
    argTypes: sql.values.map(argType),
  };
}

function rethrow(error: unknown): never {
  if (error instanceof DriverAdapterError && error.cause.kind === "UniqueConstraintViolation") {
    throw new UniqueViolationError(error.message);
  }
  throw error;
}

async function query(target: SqlQueryable, adapter: SqlDriverAdapter, sql: Prisma.Sql) {
  try {
    const result = await target.queryRaw(toQuery(adapter, sql));
    return result.rows.map((row) => {
      const record: SqlRow = {};
      result.columnNames.forEach((name, i) => (record[name] = row[i]));
      return record;
    });
  } catch (error) {
    return rethrow(error);
  }
}

async function execute(target: SqlQueryable, adapter: SqlDriverAdapter, sql: Prisma.Sql) {
  try {
    return await target.executeRaw(toQuery(adapter, sql));
  } catch (error) {
    return rethrow(error);
  }
}

export interface SqlRunner {
  query: (sql: Prisma.Sql) => Promise<SqlRow[]>;
  /** The number of rows changed. */
  execute: (sql: Prisma.Sql) => Promise<number>;
}

/** One statement outside a transaction. */
export async function querySql(db: Db, sql: Prisma.Sql): Promise<SqlRow[]> {
  const adapter = await connectedDriverAdapter(db);
  return query(adapter, adapter, sql);
}

const END = (word: "COMMIT" | "ROLLBACK"): SqlQuery => ({ sql: word, args: [], argTypes: [] });

/**
 * Runs `work` in one transaction on the adapter, committed when it returns and rolled back
 * when it throws. As Prisma's client does: the adapter's startTransaction begins it, and the
 * caller ends it with COMMIT or ROLLBACK before releasing it.
 */
export async function transactSql<T>(db: Db, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const adapter = await connectedDriverAdapter(db);
  const transaction = await adapter.startTransaction();
  const runner: SqlRunner = {
    query: (sql) => query(transaction, adapter, sql),
    execute: (sql) => execute(transaction, adapter, sql),
  };
  let result: T;
  try {
    result = await work(runner);
  } catch (error) {
    try {
      await transaction.executeRaw(END("ROLLBACK"));
    } finally {
      await transaction.rollback();
    }
    throw error;
  }
  try {
    await transaction.executeRaw(END("COMMIT"));
  } catch (error) {
    await transaction.executeRaw(END("ROLLBACK")).catch(() => undefined);
    await transaction.rollback();
    throw error;
  }
  await transaction.commit();
  return result;
}
