import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db";
import { checkHealth } from "@/lib/server/health";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

let testDb: TestDatabase | undefined;
afterEach(async () => {
  await testDb?.cleanup();
  testDb = undefined;
});

describe("checkHealth", () => {
  it("is ok on a migrated database and reports the provider and the package version", async () => {
    testDb = createTestDatabase();
    const health = await checkHealth(testDb.db);
    expect(health).toEqual({
      status: "ok",
      db: "ok",
      provider: onPostgres() ? "postgresql" : "sqlite",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it("reports why when the database cannot be read", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-health-"));
    const empty = createDb(path.join(dir, "never-migrated.db"));
    const health = await checkHealth(empty);
    await empty.$disconnect();
    expect(health.status).toBe("error");
    expect(health.provider).toBe("sqlite");
    expect(health).toHaveProperty("reason", expect.stringContaining("database cannot be read"));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports an unreachable PostgreSQL server as such", async () => {
    const unreachable = createDb("postgresql://poddeck@127.0.0.1:1/poddeck");
    const health = await checkHealth(unreachable);
    await unreachable.$disconnect();
    expect(health).toMatchObject({ status: "error", db: "error", provider: "postgresql" });
    expect(health).toHaveProperty("reason", expect.stringContaining("database cannot be read"));
  });

  // SQLite connection settings; PostgreSQL has none of them.
  it.skipIf(onPostgres())(
    "sets WAL, synchronous=NORMAL and a busy timeout on the connection",
    async () => {
      testDb = createTestDatabase();
      const [mode] =
        await testDb.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [sync] =
        await testDb.db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
      const [busy] =
        await testDb.db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
      expect(mode?.journal_mode).toBe("wal");
      expect(Number(sync?.synchronous)).toBe(1);
      expect(Number(busy?.timeout)).toBe(5000);
    },
  );
});
