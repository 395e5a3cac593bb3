import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

/*
 * One SQLite connection serves the whole process. An interactive transaction that awaits
 * between its statements must not let another request's statements run inside it: they would
 * see its uncommitted rows, and a rollback would silently undo their writes.
 */
let t: TestDatabase;
beforeAll(() => {
  t = createTestDatabase();
});
afterAll(() => t.cleanup());

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("interactive transactions on the shared connection", () => {
  it("a rollback never undoes another request's write made meanwhile", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const failing = t.db
      .$transaction(async (tx) => {
        await tx.learner.create({ data: { id: "rolled-back", timeZone: "UTC" } });
        inside();
        await tick();
        throw new Error("abort");
      })
      .catch((error: Error) => error.message);

    await opened;
    await t.db.learner.create({ data: { id: "independent", timeZone: "UTC" } });

    expect(await failing).toBe("abort");
    expect(await t.db.learner.count({ where: { id: "rolled-back" } })).toBe(0);
    expect(await t.db.learner.count({ where: { id: "independent" } }), "lost to a rollback").toBe(
      1,
    );
  });

  it("another request does not read a transaction's uncommitted rows", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const failing = t.db
      .$transaction(async (tx) => {
        await tx.learner.create({ data: { id: "uncommitted", timeZone: "UTC" } });
        inside();
        await tick();
        throw new Error("abort");
      })
      .catch(() => undefined);

    await opened;
    expect(await t.db.learner.count({ where: { id: "uncommitted" } })).toBe(0);
    await failing;
  });

  it("a statement waits for the transactions queued before it, not for those after it", async () => {
    // Writers that keep a transaction queued at every moment, as a busy server does.
    let stop = false;
    let committed = 0;
    const writers = Array.from({ length: 3 }, async () => {
      while (!stop) {
        await t.db.$transaction(async (tx) => {
          await tx.learner.count();
          await tick();
        });
        committed += 1;
      }
    });
    await tick();
    const before = committed;
    await t.db.learner.count();
    const waitedFor = committed - before;
    stop = true;
    await Promise.all(writers);
    // Behind at most the three queued before it (one per writer), plus one in flight.
    expect(waitedFor).toBeLessThanOrEqual(4);
  });
});
