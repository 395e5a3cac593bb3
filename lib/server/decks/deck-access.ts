import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { NotFoundError } from "../errors";

export const DECK_VISIBILITIES = ["private", "class", "public"] as const;
export type DeckVisibility = (typeof DECK_VISIBILITIES)[number];

/**
 * Who is looking at decks: an account (its user id and, once it studied, its learner) or a guest
 * (a learner only). Either may be null: a first-time visitor sees the public decks.
 */
export interface DeckViewer {
  userId?: string | null;
  learnerId?: string | null;
}

/**
 * The one rule for who sees a deck, as a Prisma filter for lists: public decks (the built-in
 * ones are) for everyone, a deck for its author, and a deck shared with a class ("class") for
 * the students enrolled in that class now — leaving the class hides it again (their cards stay).
 * A deck its author deleted is seen by nobody, the author included.
 */
export function visibleDecksWhere(viewer: DeckViewer): Prisma.DeckWhereInput {
  const anyOf: Prisma.DeckWhereInput[] = [{ visibility: "public" }];
  if (viewer.userId) anyOf.push({ ownerId: viewer.userId });
  if (viewer.learnerId) {
    // Data layers that only know the learner (study, practice) still recognise the author.
    anyOf.push({ owner: { is: { learner: { is: { id: viewer.learnerId } } } } });
    anyOf.push({
      visibility: "class",
      shares: {
        some: { class: { enrollments: { some: { learnerId: viewer.learnerId } } } },
      },
    });
  }
  return { deletedAt: null, OR: anyOf };
}

/**
 * visibleDecksWhere as a SQL condition on a "Deck" row aliased `d`, for the hand-written hot
 * paths (lib/server/driver-sql.ts). A test holds the two to the same answers.
 */
export function visibleDeckSql(viewer: DeckViewer): Prisma.Sql {
  const anyOf = [Prisma.sql`d."visibility" = 'public'`];
  if (viewer.userId) anyOf.push(Prisma.sql`d."ownerId" = ${viewer.userId}`);
  if (viewer.learnerId) {
    anyOf.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Learner" au WHERE au."userId" = d."ownerId" AND au."id" = ${viewer.learnerId})`,
      Prisma.sql`(d."visibility" = 'class' AND EXISTS (SELECT 1 FROM "DeckShare" ds JOIN "Enrollment" en ON en."classId" = ds."classId" WHERE ds."deckId" = d."id" AND en."learnerId" = ${viewer.learnerId}))`,
    );
  }
  return Prisma.sql`(d."deletedAt" IS NULL AND (${Prisma.join(anyOf, " OR ")}))`;
}

/** `deckId` when `viewer` may see it, else NotFoundError: another user's private deck is a 404. */
export async function requireVisibleDeck(
  db: Db,
  viewer: DeckViewer,
  deckId: string,
): Promise<{ id: string; ownerId: string | null; visibility: string }> {
  const deck = await db.deck.findFirst({
    where: { AND: [{ id: deckId }, visibleDecksWhere(viewer)] },
    select: { id: true, ownerId: true, visibility: true },
  });
  if (!deck) throw new NotFoundError("no such deck");
  return deck;
}

/** Those of `deckIds` that `viewer` may see, in no particular order. */
export async function filterVisibleDeckIds(
  db: Db,
  viewer: DeckViewer,
  deckIds: readonly string[],
): Promise<string[]> {
  if (deckIds.length === 0) return [];
  const rows = await db.deck.findMany({
    where: { AND: [{ id: { in: [...deckIds] } }, visibleDecksWhere(viewer)] },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * Decks every student of `classId` sees, so a teacher may assign them or play them with the
 * class: the public ones, and the teacher's own decks shared with this class; never a deleted one.
 */
export function classDecksWhere(options: {
  teacherId: string;
  classId: string;
}): Prisma.DeckWhereInput {
  return {
    deletedAt: null,
    OR: [
      { visibility: "public" },
      {
        ownerId: options.teacherId,
        visibility: "class",
        shares: { some: { classId: options.classId } },
      },
    ],
  };
}

/**
 * Those of `deckIds` their author deleted: what still refers to one (an assignment, a history)
 * says the deck was removed instead of offering to open it.
 */
export async function findDeletedDeckIds(db: Db, deckIds: readonly string[]): Promise<Set<string>> {
  if (deckIds.length === 0) return new Set();
  const rows = await db.deck.findMany({
    where: { id: { in: [...new Set(deckIds)] }, deletedAt: { not: null } },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}
