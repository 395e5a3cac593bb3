import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import crypto from "node:crypto";
import pg from "pg";
import { trackConnection } from "./tracked-adapter";

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

function catalogTextPool(url: string, poolSize: number): pg.Pool {
  // allowExitOnIdle: the Prisma CLI never disposes its adapter; idle connections kept it alive 10 s.
  return new CatalogTextPool({ connectionString: url, max: poolSize, allowExitOnIdle: true });
}

async function connectAdapter(url: string, poolSize: number): Promise<SqlDriverAdapter> {
  const pool = catalogTextPool(url, poolSize);
  return wholeScripts(await new PrismaPg(pool, { disposeExternalPool: true }).connect(), pool);
}

/**
 * The driver adapter for a PostgreSQL URL, used by the app's client and by the Prisma CLI. Its
 * shadow database (`migrate diff --from-migrations`) is a scratch database beside the URL's,
 * dropped when the CLI is done.
 */
export function postgresAdapter(
  url: string,
  options: { poolSize?: number; onConnect?: (adapter: SqlDriverAdapter | null) => void } = {},
): SqlMigrationAwareDriverAdapterFactory {
  const { poolSize = DEFAULT_POOL_SIZE, onConnect } = options;
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => {
      const adapter = await connectAdapter(url, poolSize);
      return onConnect ? trackConnection(adapter, onConnect) : adapter;
    },
    connectToShadowDb: async () => {
      const shadow = `prisma_migrate_shadow_db_${crypto.randomUUID().replace(/-/g, "")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${shadow}`);
      await admin.end();
      const shadowUrl = Object.assign(new URL(url), { pathname: `/${shadow}` }).toString();
      const adapter = await connectAdapter(shadowUrl, 2);
      return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
        dispose: async () => {
          await adapter.dispose();
          const drop = new pg.Client({ connectionString: url });
          await drop.connect();
          await drop.query(`DROP DATABASE IF EXISTS ${shadow} WITH (FORCE)`);
          await drop.end();
        },
      });
    },
  };
}
