import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { assertThrowawayDatabase } from "@/lib/config/assert-throwaway-database";
import { isPostgresUrl } from "@/lib/config/database-url";
import { createDb, type Db } from "@/lib/server/db";
import { findPostgresBin } from "@/lib/tooling/postgres-cluster";
import { spawnSync } from "node:child_process";

export interface TestDatabase {
  /** The SQLite file, or the PostgreSQL database's URL (see `onPostgres`). */
  file: string;
  db: Db;
  /** Makes the database ready to be copied by `createTestDatabase({ from: file })`. */
  settle: () => Promise<void>;
  cleanup: () => Promise<void>;
}

/** Whether this run's tests are on PostgreSQL (`npm run test:postgres`). */
export const onPostgres = (): boolean => isPostgresUrl(inject("migratedDatabase"));

function adminUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return url.toString();
}

/** `CREATE DATABASE … TEMPLATE …` through psql: synchronous, like the SQLite file copy. */
function copyPostgresDatabase(from: string): string {
  const name = `poddeck_test_${crypto.randomUUID().replace(/-/g, "")}`;
  const template = new URL(from).pathname.slice(1);
  const result = spawnSync(
    path.join(findPostgresBin(), "psql"),
    [
      "-X",
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-d",
      adminUrl(from),
      "-c",
      `CREATE DATABASE ${name} TEMPLATE ${template}`,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`cannot create ${name}: ${result.stderr}`);
  const url = new URL(from);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A private copy of the migrated base database (or of `from`, a test database after its
 * `settle()`): tests never share or touch var/.
 */
export function createTestDatabase(options: { from?: string } = {}): TestDatabase {
  const base = options.from ?? inject("migratedDatabase");
  if (isPostgresUrl(base)) {
    const url = copyPostgresDatabase(base);
    assertThrowawayDatabase(url);
    const db = createDb(url);
    return {
      file: url,
      db,
      // A template database must have no connections; the client reconnects on its next query.
      settle: () => db.$disconnect(),
      cleanup: async () => {
        await db.$disconnect();
        const admin = new pg.Client({ connectionString: adminUrl(url) });
        await admin.connect();
        try {
          await admin.query(
            `DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`,
          );
        } finally {
          await admin.end();
        }
      },
    };
  }
  const file = path.join(os.tmpdir(), `poddeck-test-${crypto.randomUUID()}.db`);
  assertThrowawayDatabase(file);
  fs.copyFileSync(base, file);
  const db = createDb(file);
  return {
    file,
    db,
    settle: async () => {
      await db.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    },
    cleanup: async () => {
      await db.$disconnect();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
}
