import { afterEach, describe, expect, it } from "vitest";
import { databasePoolSize } from "@/lib/config/env";
import { createDb, type Db } from "@/lib/server/db";
import { toErrorResponse } from "@/lib/server/http";
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

  /** A client whose pool of one connection is held by a transaction for 2.5 s (from now). */
  async function busyPoolOfOne() {
    t = createTestDatabase();
    process.env.PODDECK_DB_POOL_SIZE = "1";
    const client = (sized = createDb(t.file));
    const held = client.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_sleep(2.5)::text AS slept`;
    });
    await new Promise((r) => setTimeout(r, 200));
    return { client, held };
  }

  it.skipIf(!onPostgres())(
    "lets a transaction wait longer than Prisma's 2 s for a connection of a busy pool",
    async () => {
      const { client, held } = await busyPoolOfOne();
      const waited = await client.$transaction(async (tx) => tx.$queryRaw`SELECT 1 AS one`);
      expect(waited).toEqual([{ one: 1 }]);
      await held;
    },
  );

  it.skipIf(!onPostgres())(
    "answers 503 with Retry-After, not 500, when no connection came in time",
    async () => {
      const { client, held } = await busyPoolOfOne();
      const error = await client
        .$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 100 })
        .catch((e: unknown) => e);
      const response = toErrorResponse(error);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toMatchObject({ error: "busy" });
      await held;
    },
  );
});
