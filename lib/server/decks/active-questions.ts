import type { Question, QuestionKind } from "@/lib/core/deck/types";
import type { Db } from "../db";
import { parseQuestionPayload } from "./question-payload";
import { BoundedMemo } from "@/lib/core/objects/bounded-memo";
import { deepFreeze } from "@/lib/core/objects/deep-freeze";

const MAX_DECK_COPIES = 500;

export interface ActiveQuestion {
  readonly id: string;
  readonly deckId: string;
  readonly kind: QuestionKind;
  readonly siblingKey: string;
  readonly aspect: string;
  readonly question: Readonly<Question>;
}

interface DeckCopy {
  contentVersion: number;
  questions: readonly ActiveQuestion[];
}

/**
 * Parsed copies of decks' active questions, keyed by the deck's content version. Questions only
 * change through syncDecks, which bumps that version, and every call reads the versions from the
 * database first: a copy is never served after a change, whichever instance made it. Read-only
 * (frozen) and rebuilt on demand, so it holds no state of its own. Bounded: teachers' own
 * documents make decks without limit, and a copy costs tens of KB.
 */
const copies = new BoundedMemo<DeckCopy>(MAX_DECK_COPIES);

/** The active (not retired) questions of these decks, by deck id then position. */
export async function listActiveQuestions(
  db: Db,
  deckIds: readonly string[],
): Promise<readonly ActiveQuestion[]> {
  const decks = await db.deck.findMany({
    where: { id: { in: [...deckIds] } },
    select: { id: true, contentVersion: true },
    orderBy: { id: "asc" },
  });
  return listQuestionsOfDeckVersions(db, decks);
}

/**
 * listActiveQuestions for decks whose content versions the caller read itself (the study path
 * reads them with its visibility check), in the order given.
 */
export async function listQuestionsOfDeckVersions(
  db: Db,
  decks: readonly { id: string; contentVersion: number }[],
): Promise<readonly ActiveQuestion[]> {
  // Held here, not re-read from the memo: storing one copy may make it forget the others.
  const found = new Map(decks.map((d) => [d.id, copies.get(d.id)]));
  const stale = decks.filter((d) => found.get(d.id)?.contentVersion !== d.contentVersion);
  if (stale.length > 0) {
    const rows = await db.question.findMany({
      where: { deckId: { in: stale.map((d) => d.id) }, retiredAt: null },
      select: {
        id: true,
        deckId: true,
        kind: true,
        siblingKey: true,
        aspect: true,
        payload: true,
      },
      orderBy: [{ deckId: "asc" }, { position: "asc" }],
    });
    for (const deck of stale) {
      const questions = rows
        .filter((row) => row.deckId === deck.id)
        .map((row) =>
          deepFreeze({
            id: row.id,
            deckId: row.deckId,
            kind: row.kind as QuestionKind,
            siblingKey: row.siblingKey,
            aspect: row.aspect,
            question: parseQuestionPayload(row.payload),
          }),
        );
      found.set(deck.id, copies.set(deck.id, { contentVersion: deck.contentVersion, questions }));
    }
  }
  return decks.flatMap((d) => found.get(d.id)?.questions ?? []);
}

/** Decks whose parsed copies this process holds (the tests check the bound). */
export const rememberedDeckCopies = () => copies.size;
