import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { databaseUrlFor, isPostgresUrl, resolveDatabase } from "@/lib/config/database-url";
import { databasePoolSize } from "@/lib/config/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PrismaPgClient } from "@/lib/generated/prisma-pg/client";
import { postgresAdapter } from "@/lib/server/postgres-adapter";
import { trackConnection } from "@/lib/server/tracked-adapter";

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
 * How long an interactive transaction on PostgreSQL waits for a connection of the pool (Prisma's
 * default is 2 s). The admission gate lets 32 requests work at once on a pool of 10: with 2,000
 * live players joining on a 2-core machine, joins waited over 2 s and failed (P2028). As long as
 * SQLite's busy_timeout; past it the request is a 503 (toErrorResponse), not a 500.
 */
const POSTGRES_TRANSACTION_MAX_WAIT_MS = 5000;

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

/** Statements kept per connection; more distinct SQL texts than this are prepared again. */
const STATEMENT_CACHE_SIZE = 500;

type BoundStatement = Pick<Database.Statement, "reader" | "columns"> & {
  bind: (args: unknown[]) => BoundStatement;
  run: () => Database.RunResult;
  raw: () => { all: () => unknown[] };
};

/**
 * Makes the adapter's better-sqlite3 connection keep its prepared statements, by SQL text (least
 * recently used first out). The adapter prepares every statement anew, 9–15 % of a study
 * request's CPU when profiled (docs/decisions/010). A cached statement cannot be bound twice, so
 * the adapter gets a view that passes its arguments on every run; it uses only the members below
 * (`prepare(sql).bind(args)` then `reader`, `run()`, `columns()`, `raw().all()`).
 */
function cacheStatements(client: Database.Database): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  // Reading a statement's columns costs about as much as running a small query; they change
  // only with the schema, which a running server does not migrate.
  const columns = new WeakMap<Database.Statement, Database.ColumnDefinition[]>();
  const columnsOf = (statement: Database.Statement) => {
    let known = columns.get(statement);
    if (!known) columns.set(statement, (known = statement.columns()));
    return known;
  };
  const view = (statement: Database.Statement, args: unknown[]): BoundStatement => ({
    reader: statement.reader,
    bind: (bound) => view(statement, bound),
    run: () => statement.run(...args),
    columns: () => columnsOf(statement),
    raw: () => ({ all: () => statement.raw(true).all(...args) }),
  });
  const cached = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) cache.delete(sql);
    else statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
    return view(statement, []);
  };
  Object.assign(client, { prepare: cached });
}

/** The adapter's better-sqlite3 connection (a field of its class, not part of its interface). */
function sqliteClientOf(adapter: SqlDriverAdapter): Database.Database {
  const client = (adapter as unknown as { client?: Database.Database }).client;
  if (!client || typeof client.prepare !== "function") {
    throw new Error("@prisma/adapter-better-sqlite3 no longer keeps its connection in .client");
  }
  return client;
}

/**
 * Wraps the better-sqlite3 adapter so that no connection is used before its pragmas are set;
 * `onConnect` gets each connected (wrapped) adapter.
 */
function withPragmas(
  file: string,
  onConnect: (adapter: SqlDriverAdapter | null) => void,
): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSQLite3({ url: databaseUrlFor(file), timeout: 5000 });
  const prepare = async (adapter: SqlDriverAdapter) => {
    await adapter.executeScript(CONNECTION_PRAGMAS.map((p) => `${p};`).join("\n"));
    cacheStatements(sqliteClientOf(adapter));
    return serializeTransactions(adapter);
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => {
      return trackConnection(await prepare(await base.connect()), onConnect);
    },
    connectToShadowDb: async () => prepare(await base.connectToShadowDb()),
  };
}

/**
 * Each client's connected driver adapter, for lib/server/driver-sql.ts. On globalThis: Next.js
 * loads this module more than once per process (see `db` below), and a client made by one copy
 * is used by the others.
 */
const adapterHolder = globalThis as {
  poddeckDriverAdapters?: WeakMap<Db, () => Promise<SqlDriverAdapter>>;
  poddeckDatabases?: WeakMap<Db, string>;
};
const driverAdapters = (adapterHolder.poddeckDriverAdapters ??= new WeakMap());
const databases = (adapterHolder.poddeckDatabases ??= new WeakMap());

/** What `db` was made for (resolveDatabase: a SQLite file or a PostgreSQL URL). */
export function databaseOf(db: Db): string {
  const database = databases.get(db);
  if (database === undefined) throw new Error("not a client made by createDb");
  return database;
}

/**
 * The driver adapter under `db`'s one connection (connecting first when needed): statements sent
 * to it share the connection and the turn-taking of serializeTransactions with the client's own.
 * On PostgreSQL it is the client's pool.
 */
export async function connectedDriverAdapter(db: Db): Promise<SqlDriverAdapter> {
  const get = driverAdapters.get(db);
  if (!get) throw new Error("not a client made by createDb");
  return get();
}

const QUERY_LOG: [{ emit: "event"; level: "query" }] = [{ emit: "event", level: "query" }];

function sqliteClient(file: string, onConnect: (adapter: SqlDriverAdapter | null) => void) {
  return new PrismaClient({ adapter: withPragmas(file, onConnect), log: QUERY_LOG });
}

/**
 * A client for `database` (resolveDatabase: a SQLite file or a PostgreSQL URL). PostgreSQL has
 * real concurrent connections (a pool), so serializeTransactions is for SQLite only.
 */
export function createDb(database: string = resolveDatabase()): Db {
  let connected: SqlDriverAdapter | null = null;
  const onConnect = (adapter: SqlDriverAdapter | null) => (connected = adapter);
  const client = isPostgresUrl(database)
    ? (new PrismaPgClient({
        adapter: postgresAdapter(database, { onConnect, poolSize: databasePoolSize() }),
        log: QUERY_LOG,
        transactionOptions: { maxWait: POSTGRES_TRANSACTION_MAX_WAIT_MS },
      }) as unknown as ReturnType<typeof sqliteClient>)
    : sqliteClient(database, onConnect);
  databases.set(client, database);
  driverAdapters.set(client, async () => {
    if (!connected) await client.$connect();
    if (!connected) throw new Error("the database client did not connect");
    return connected;
  });
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
