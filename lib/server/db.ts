import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { databaseUrlFor, resolveDatabaseFile } from "@/lib/config/database-url";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** Applied to every new connection: concurrent readers with one writer, waiting instead of failing. */
export const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA foreign_keys = ON",
];

const SLOW_QUERY_MS = 100;

/**
 * The process has one better-sqlite3 connection, and the adapter orders transactions only among
 * themselves: a plain statement issued while an interactive transaction awaits would run inside
 * it, reading its uncommitted rows and undone by its rollback. So every statement outside a
 * transaction waits until no transaction is open or queued before it. Hence, inside
 * `$transaction(async (tx) => …)`, query through `tx` only: `db` would wait for the transaction
 * itself until Prisma's transaction timeout.
 */
export function serializeTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let idle: Promise<void> = Promise.resolve();
  const outsideTransactions = async <T>(run: () => Promise<T>): Promise<T> => {
    for (let seen = idle; ; seen = idle) {
      await seen;
      // A transaction queued while we waited goes first; then the statement runs synchronously.
      if (seen === idle) return run();
    }
  };
  const startTransaction: SqlDriverAdapter["startTransaction"] = async (isolationLevel) => {
    const previous = idle;
    let release!: () => void;
    idle = new Promise((resolve) => (release = resolve));
    await previous;
    let transaction: Transaction;
    try {
      transaction = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const finish = (end: () => Promise<void>) => async () => {
      try {
        await end();
      } finally {
        release();
      }
    };
    return Object.assign(Object.create(transaction) as Transaction, {
      commit: finish(() => transaction.commit()),
      rollback: finish(() => transaction.rollback()),
    });
  };
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    queryRaw: (query: SqlQuery) => outsideTransactions(() => adapter.queryRaw(query)),
    executeRaw: (query: SqlQuery) => outsideTransactions(() => adapter.executeRaw(query)),
    startTransaction,
  });
}

/** Wraps the better-sqlite3 adapter so that no connection is used before its pragmas are set. */
function withPragmas(file: string): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSQLite3({ url: databaseUrlFor(file), timeout: 5000 });
  const prepare = async (adapter: SqlDriverAdapter) => {
    await adapter.executeScript(CONNECTION_PRAGMAS.map((p) => `${p};`).join("\n"));
    return serializeTransactions(adapter);
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => prepare(await base.connect()),
    connectToShadowDb: async () => prepare(await base.connectToShadowDb()),
  };
}

export function createDb(file: string = resolveDatabaseFile()): Db {
  const client = new PrismaClient({
    adapter: withPragmas(file),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (event) => {
    if (event.duration >= SLOW_QUERY_MS) {
      console.warn(`[db] slow query (${event.duration} ms): ${event.query.slice(0, 200)}`);
    }
  });
  return client;
}

// One client per process; dev hot reloads would otherwise open a new connection each time.
const globalForDb = globalThis as unknown as { poddeckDb?: Db };
export const db: Db = globalForDb.poddeckDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.poddeckDb = db;
