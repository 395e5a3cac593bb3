import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  filterVisibleDeckIds,
  visibleDeckSql,
  type DeckViewer,
} from "@/lib/server/decks/deck-access";
import { querySql } from "@/lib/server/driver-sql";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";
import { bareDeck } from "../setup/test-rows";

/*
 * The hot paths check deck visibility in hand-written SQL (visibleDeckSql); everything else uses
 * the Prisma filter (visibleDecksWhere). Both must give every viewer the same decks.
 */
let t: TestDatabase;
const NOW = new Date("2026-11-29T12:00:00Z");
beforeAll(() => {
  t = createTestDatabase();
});
afterAll(() => t.cleanup());

async function seed() {
  const db = t.db;
  const author = await db.user.create({ data: { email: "author@example.com", role: "teacher" } });
  const other = await db.user.create({ data: { email: "other@example.com", role: "teacher" } });
  await db.learner.create({ data: { id: "author-learner", userId: author.id } });
  await db.learner.create({ data: { id: "other-learner", userId: other.id } });
  await db.learner.create({ data: { id: "enrolled-guest" } });
  await db.learner.create({ data: { id: "left-guest" } });
  await db.learner.create({ data: { id: "stranger-guest" } });
  const klass = await db.class.create({
    data: {
      teacherId: author.id,
      name: "A",
      timeZone: "UTC",
      joinCode: "VIS-SQL-1",
      createdAt: NOW,
    },
  });
  await db.enrollment.create({
    data: { classId: klass.id, learnerId: "enrolled-guest", joinedAt: NOW },
  });
  const deck = (id: string, data: Partial<Prisma.DeckUncheckedCreateInput>) =>
    db.deck.create({ data: bareDeck(id, data) });
  await deck("v-public", { visibility: "public" });
  await deck("v-public-deleted", { visibility: "public", deletedAt: NOW });
  await deck("v-private-author", { visibility: "private", ownerId: author.id });
  await deck("v-private-other", { visibility: "private", ownerId: other.id });
  await deck("v-class-shared", { visibility: "class", ownerId: author.id });
  await deck("v-class-unshared", { visibility: "class", ownerId: author.id });
  await deck("v-class-shared-deleted", {
    visibility: "class",
    ownerId: author.id,
    deletedAt: NOW,
  });
  await deck("v-private-shared", { visibility: "private", ownerId: author.id });
  for (const deckId of ["v-class-shared", "v-class-shared-deleted", "v-private-shared"]) {
    await db.deckShare.create({ data: { deckId, classId: klass.id, createdAt: NOW } });
  }
  return { author: author.id, other: other.id };
}

describe("visibleDeckSql", () => {
  it("shows every kind of viewer exactly the decks visibleDecksWhere shows", async () => {
    const users = await seed();
    const deckIds = (await t.db.deck.findMany({ select: { id: true } })).map((d) => d.id);
    const viewers: DeckViewer[] = [
      {},
      { userId: users.author },
      { learnerId: "author-learner" },
      { userId: users.author, learnerId: "author-learner" },
      { userId: users.other, learnerId: "other-learner" },
      { learnerId: "enrolled-guest" },
      { learnerId: "stranger-guest" },
      { userId: null, learnerId: null },
    ];
    const seen: string[][] = [];
    for (const viewer of viewers) {
      const byPrisma = (await filterVisibleDeckIds(t.db, viewer, deckIds)).sort();
      const rows = await querySql(
        t.db,
        Prisma.sql`SELECT d."id" FROM "Deck" d WHERE ${visibleDeckSql(viewer)} ORDER BY d."id"`,
      );
      expect(rows.map((r) => String(r.id)).sort(), JSON.stringify(viewer)).toEqual(byPrisma);
      seen.push(byPrisma);
    }
    // The viewers differ: the comparison covers the rule's every branch.
    expect(seen[0]).toEqual(expect.arrayContaining(["v-public"]));
    expect(seen[0]).not.toContain("v-private-author");
    expect(seen[1]).toContain("v-private-author");
    expect(seen[2]).toContain("v-private-author");
    expect(seen[4]).toContain("v-private-other");
    expect(seen[5]).toContain("v-class-shared");
    expect(seen[5]).not.toContain("v-private-shared");
    expect(seen[6]).not.toContain("v-class-shared");
    expect(seen.flat()).not.toContain("v-public-deleted");
  });
});
