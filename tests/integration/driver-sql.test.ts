import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { createDb } from "@/lib/server/db";
import { querySql, transactSql, UniqueViolationError } from "@/lib/server/driver-sql";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

/*
 * The hot paths' hand-written SQL on the driver adapter (lib/server/driver-sql.ts): it shares the
 * one connection with the Prisma client, so it must take turns with the client's transactions
 * exactly as the client's own statements do, and its transactions must commit or roll back whole.
 */
let t: TestDatabase;
beforeAll(() => {
  t = createTestDatabase();
});
afterAll(() => t.cleanup());

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
const learnerIds = async () =>
  (await querySql(t.db, Prisma.sql`SELECT "id" FROM "Learner" ORDER BY "id"`)).map((r) => r.id);

describe("hand-written SQL on the driver adapter", () => {
  it("reads what the client wrote, with the driver's values", async () => {
    await t.db.learner.create({ data: { id: "reader", timeZone: "Europe/Moscow" } });
    const rows = await querySql(
      t.db,
      Prisma.sql`SELECT "id", "timeZone", "createdAt" FROM "Learner" WHERE "id" = ${"reader"}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.timeZone).toBe("Europe/Moscow");
    // Dates come back as the text Prisma stored; new Date() reads it.
    expect(Number.isNaN(new Date(rows[0]?.createdAt as string).getTime())).toBe(false);
  });

  it("commits a transaction whole, and rolls it back whole when the work throws", async () => {
    const now = new Date();
    await transactSql(t.db, async (sql) => {
      await sql.execute(
        Prisma.sql`INSERT INTO "Learner" ("id", "timeZone", "createdAt", "updatedAt") VALUES (${"kept-1"}, ${"UTC"}, ${now}, ${now})`,
      );
      await sql.execute(
        Prisma.sql`INSERT INTO "Learner" ("id", "timeZone", "createdAt", "updatedAt") VALUES (${"kept-2"}, ${"UTC"}, ${now}, ${now})`,
      );
    });
    await expect(
      transactSql(t.db, async (sql) => {
        await sql.execute(
          Prisma.sql`INSERT INTO "Learner" ("id", "timeZone", "createdAt", "updatedAt") VALUES (${"undone"}, ${"UTC"}, ${now}, ${now})`,
        );
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const ids = await learnerIds();
    expect(ids).toEqual(expect.arrayContaining(["kept-1", "kept-2"]));
    expect(ids).not.toContain("undone");
    // The client sees the committed rows, and its own writes still work after a rollback.
    expect(await t.db.learner.count({ where: { id: { in: ["kept-1", "kept-2"] } } })).toBe(2);
    await t.db.learner.create({ data: { id: "after-rollback", timeZone: "UTC" } });
  });

  it("reports a unique violation as UniqueViolationError and leaves the transaction undone", async () => {
    const now = new Date();
    await expect(
      transactSql(t.db, async (sql) => {
        await sql.execute(
          Prisma.sql`INSERT INTO "Learner" ("id", "timeZone", "createdAt", "updatedAt") VALUES (${"first-of-two"}, ${"UTC"}, ${now}, ${now})`,
        );
        await sql.execute(
          Prisma.sql`INSERT INTO "Learner" ("id", "timeZone", "createdAt", "updatedAt") VALUES (${"kept-1"}, ${"UTC"}, ${now}, ${now})`,
        );
      }),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    expect(await learnerIds()).not.toContain("first-of-two");
  });

  it("waits for an open client transaction: never reads its uncommitted rows, never runs inside it", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const failing = t.db
      .$transaction(async (tx) => {
        await tx.learner.create({ data: { id: "client-uncommitted", timeZone: "UTC" } });
        inside();
        await tick();
        throw new Error("abort");
      })
      .catch(() => undefined);
    await opened;
    expect(await learnerIds()).not.toContain("client-uncommitted");
    const now = new Date();
    // A write of ours issued meanwhile is not undone by the client's rollback.
    await transactSql(t.db, (sql) =>
      sql.execute(
        Prisma.sql`INSERT INTO "Learner" ("id", "timeZone", "createdAt", "updatedAt") VALUES (${"ours-meanwhile"}, ${"UTC"}, ${now}, ${now})`,
      ),
    );
    await failing;
    expect(await learnerIds()).toContain("ours-meanwhile");
  });
});

// better-sqlite3's statement cache; the pg driver prepares nothing here to count.
describe.skipIf(onPostgres())("the connection's prepared statements", () => {
  it("prepares a repeated statement once, for the client's queries and ours", async () => {
    const prepare = vi.spyOn(Database.prototype, "prepare");
    // A client of its own, so that its connection is made while the spy watches.
    const db = createDb(t.file);
    try {
      await db.learner.findMany({ where: { id: "nobody" } });
      prepare.mockClear();
      for (let i = 0; i < 20; i++) {
        await db.learner.findMany({ where: { id: `nobody-${i}` } });
        await querySql(db, Prisma.sql`SELECT "id" FROM "Learner" WHERE "id" = ${`x-${i}`}`);
      }
      // Once for our statement; the client's was prepared before the count started.
      expect(prepare.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      prepare.mockRestore();
      await db.$disconnect();
    }
  });
});
