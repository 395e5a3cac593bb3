import type { DeckSummary, Question } from "@/lib/core/deck/types";
import type { Db } from "../db";
import { parseDeckSummary } from "./deck-summary";
import { parseQuestionPayload } from "./question-payload";

export interface DeckListItem {
  summary: DeckSummary;
  questionCount: number;
}

export async function listDecks(db: Db): Promise<DeckListItem[]> {
  const decks = await db.deck.findMany({
    orderBy: { id: "asc" },
    select: { summary: true, _count: { select: { questions: { where: { retiredAt: null } } } } },
  });
  return decks.map((d) => ({
    summary: parseDeckSummary(d.summary),
    questionCount: d._count.questions,
  }));
}

export interface DeckDetail {
  summary: DeckSummary;
  sourceMarkdown: string;
  sourcePath: string;
  questions: Question[];
}

export async function getDeck(db: Db, deckId: string): Promise<DeckDetail | null> {
  const deck = await db.deck.findUnique({
    where: { id: deckId },
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
  };
}
