import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { databaseUrlFor, isPostgresUrl, resolveDatabase } from "@/lib/config/database-url";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PrismaPgClient } from "@/lib/generated/prisma-pg/client";
import { postgresAdapter } from "@/lib/server/postgres-adapter";

/**
 * One type for the data layer whichever the provider: the two generated clients differ only in
 * the isolation levels `$transaction` accepts (docs/decisions/011-postgresql-two-providers.md).
 */
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
 * it, reading its uncommitted rows and undone by its rollback. So statements outside a
 * transaction and transactions take turns, in the order they came. Hence, inside
 * `$transaction(async (tx) => …)`, query through `tx` only: `db` would wait for the transaction
 * itself until Prisma's transaction timeout.
 */
export function serializeTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let idle: Promise<void> = Promise.resolve();
  // First come, first served: a statement waits for the transactions queued before it, and
  // those queued after it wait for the statement. (Waiting until no transaction was open or
  // queued starved statements under a steady stream of writes: a live game's host command
  // waited for 40 learners' answers until the server was killed.)
  const outsideTransactions = async <T>(run: () => Promise<T>): Promise<T> => {
    const previous = idle;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    idle = previous.then(() => finished);
    await previous;
    try {
      return await run();
    } finally {
      done();
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

const QUERY_LOG: [{ emit: "event"; level: "query" }] = [{ emit: "event", level: "query" }];

function sqliteClient(file: string) {
  return new PrismaClient({ adapter: withPragmas(file), log: QUERY_LOG });
}

/**
 * A client for `database` (resolveDatabase: a SQLite file or a PostgreSQL URL). PostgreSQL has
 * real concurrent connections (a pool), so serializeTransactions is for SQLite only.
 */
export function createDb(database: string = resolveDatabase()): Db {
  const client = isPostgresUrl(database)
    ? (new PrismaPgClient({
        adapter: postgresAdapter(database),
        log: QUERY_LOG,
      }) as unknown as ReturnType<typeof sqliteClient>)
    : sqliteClient(database);
  client.$on("query", (event) => {
    if (event.duration >= SLOW_QUERY_MS) {
      console.warn(`[db] slow query (${event.duration} ms): ${event.query.slice(0, 200)}`);
    }
  });
  return client;
}

// One client per process. Next.js loads this module more than once in production too (the
// instrumentation hook's bundle and the routes' have their own copies): two connections in one
// thread would bypass serializeTransactions, and a write on one while the other holds a write
// transaction open waits, synchronously, the whole busy_timeout. Dev hot reloads likewise.
const globalForDb = globalThis as unknown as { poddeckDb?: Db };
export const db: Db = (globalForDb.poddeckDb ??= createDb());
