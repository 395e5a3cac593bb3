import { afterEach, describe, expect, it } from "vitest";
import { databasePoolSize } from "@/lib/config/env";
import { createDb, type Db } from "@/lib/server/db";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

let t: TestDatabase | undefined;
let sized: Db | undefined;
afterEach(async () => {
  delete process.env.PODDECK_DB_POOL_SIZE;
  await sized?.$disconnect();
  await t?.cleanup();
  sized = t = undefined;
});

describe("PODDECK_DB_POOL_SIZE", () => {
  it("is 10 unless set to a whole number from 1 to 1000", () => {
    expect(databasePoolSize({})).toBe(10);
    expect(databasePoolSize({ PODDECK_DB_POOL_SIZE: "25" })).toBe(25);
    expect(databasePoolSize({ PODDECK_DB_POOL_SIZE: "0" })).toBe(10);
    expect(databasePoolSize({ PODDECK_DB_POOL_SIZE: "many" })).toBe(10);
  });

  // The pool is PostgreSQL's; SQLite has one connection per process.
  it.skipIf(!onPostgres())("caps the connections one process opens", async () => {
    t = createTestDatabase();
    process.env.PODDECK_DB_POOL_SIZE = "3";
    sized = createDb(t.file);
    // Eight queries at once, each holding its connection for a moment: three backends serve them.
    const pids = await Promise.all(
      Array.from(
        { length: 8 },
        () =>
          sized!.$queryRaw<
            { pid: number }[]
          >`SELECT pg_backend_pid() AS pid, pg_sleep(0.1)::text AS slept`,
      ),
    );
    expect(new Set(pids.map((rows) => rows[0]!.pid)).size).toBe(3);
  });
});
