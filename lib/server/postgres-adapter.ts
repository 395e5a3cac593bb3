import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

// Catalog column types the adapter cannot deserialize: "char" (18) and name (19).
const CATALOG_TEXT_TYPES = new Set([18, 19]);
const TEXT_OID = 25;
const patched = Symbol("poddeck.catalogText");

function catalogAsText<R>(result: R): R {
  for (const field of (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) {
    if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

type AnyQuery = (...args: unknown[]) => unknown;

function patchQuery<T extends { query: AnyQuery }>(target: T, original: AnyQuery): void {
  target.query = (...args: unknown[]) => {
    // pg's own callback paths (pool.query → client.query(…, cb)) stay untouched.
    if (typeof args.at(-1) === "function") return original(...args);
    return (original(...args) as Promise<unknown>).then(catalogAsText);
  };
}

/**
 * prisma/orm#27403: the migrate engine reads catalog columns of type "char" and name, which the
 * pg adapter refuses ("Column type 'name' could not be deserialized"); reported as text they
 * read fine. Applies to `query()` and to clients from `connect()`, but not to `connect(callback)`,
 * pg's own path, which hangs when wrapped.
 */
class CatalogTextPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    patchQuery(this as unknown as { query: AnyQuery }, super.query.bind(this) as AnyQuery);
    const connect = super.connect.bind(this) as (callback?: unknown) => unknown;
    (this as unknown as { connect: AnyQuery }).connect = (callback?: unknown) => {
      if (callback) return connect(callback);
      return (connect() as Promise<pg.PoolClient>).then((client) => {
        const marked = client as pg.PoolClient & { [patched]?: true };
        if (!marked[patched]) {
          patchQuery(
            client as unknown as { query: AnyQuery },
            client.query.bind(client) as AnyQuery,
          );
          marked[patched] = true;
        }
        return client;
      });
    };
  }
}

/** Connections per process (pg's default). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * The pg adapter splits a script on every `;`, which cuts a migration's plpgsql function bodies
 * apart: a script goes to the server whole instead (the simple query protocol runs several
 * statements in one call).
 */
function wholeScripts(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    executeScript: async (script: string) => {
      await pool.query(script);
    },
  });
}

/** The driver adapter for a PostgreSQL URL, used by the app's client and by the Prisma CLI. */
export function postgresAdapter(
  url: string,
  poolSize: number = DEFAULT_POOL_SIZE,
): SqlMigrationAwareDriverAdapterFactory {
  // allowExitOnIdle: the Prisma CLI never disposes its adapter; idle connections kept it alive 10 s.
  const pool = new CatalogTextPool({ connectionString: url, max: poolSize, allowExitOnIdle: true });
  const base = new PrismaPg(pool, { disposeExternalPool: true });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => wholeScripts(await base.connect(), pool),
    connectToShadowDb: async () => base.connectToShadowDb(),
  };
}
