import type { DeckSummary, Question } from "@/lib/core/deck/types";
import type { Db } from "../db";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  classDecksWhere,
  visibleDecksWhere,
  type DeckViewer,
  type DeckVisibility,
} from "./deck-access";
import { parseDeckSummary } from "./deck-summary";
import { parseQuestionPayload } from "./question-payload";

export interface DeckListItem {
  summary: DeckSummary;
  questionCount: number;
  /** Null for a built-in deck. */
  ownerId: string | null;
  visibility: DeckVisibility;
}

/** The decks `viewer` may see (visibleDecksWhere): built-in first, then oldest first. */
export function listDecks(db: Db, viewer: DeckViewer): Promise<DeckListItem[]> {
  return listDecksWhere(db, visibleDecksWhere(viewer));
}

/** The decks a teacher may assign to a class or play with it (classDecksWhere). */
export function listClassDecks(
  db: Db,
  options: { teacherId: string; classId: string },
): Promise<DeckListItem[]> {
  return listDecksWhere(db, classDecksWhere(options));
}

async function listDecksWhere(db: Db, where: Prisma.DeckWhereInput): Promise<DeckListItem[]> {
  const decks = await db.deck.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      summary: true,
      ownerId: true,
      visibility: true,
      _count: { select: { questions: { where: { retiredAt: null } } } },
    },
  });
  return decks
    .map((d) => ({
      summary: parseDeckSummary(d.summary),
      questionCount: d._count.questions,
      ownerId: d.ownerId,
      visibility: d.visibility as DeckVisibility,
    }))
    .sort((a, b) => Number(a.ownerId !== null) - Number(b.ownerId !== null));
}

/** What the author's last edit did to the questions. */
export interface DeckEdit {
  at: Date;
  added: number;
  changed: number;
  retired: number;
}

export interface DeckDetail {
  summary: DeckSummary;
  sourceMarkdown: string;
  sourcePath: string;
  questions: Question[];
  ownerId: string | null;
  visibility: DeckVisibility;
  lastEdit: DeckEdit | null;
}

/** Deck `deckId` with its active questions, or null when `viewer` may not see it (a 404). */
export async function getDeck(
  db: Db,
  viewer: DeckViewer,
  deckId: string,
): Promise<DeckDetail | null> {
  const deck = await db.deck.findFirst({
    where: { AND: [{ id: deckId }, visibleDecksWhere(viewer)] },
    include: {
      questions: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: { payload: true },
      },
    },
  });
  if (!deck) return null;
  return {
    summary: parseDeckSummary(deck.summary),
    sourceMarkdown: deck.sourceMarkdown,
    sourcePath: deck.sourcePath,
    questions: deck.questions.map((q) => parseQuestionPayload(q.payload)),
    ownerId: deck.ownerId,
    visibility: deck.visibility as DeckVisibility,
    lastEdit: deck.editedAt
      ? {
          at: deck.editedAt,
          added: deck.editAdded ?? 0,
          changed: deck.editChanged ?? 0,
          retired: deck.editRetired ?? 0,
        }
      : null,
  };
}
