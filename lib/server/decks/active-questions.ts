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
  const found = await Promise.all(
    decks.map((deck) => {
      const copy = copies.get(deck.id);
      return copy?.contentVersion === deck.contentVersion ? copy : loadDeckCopy(db, deck);
    }),
  );
  return found.flatMap((copy) => copy.questions);
}

/**
 * Copies being read, by deck and version: the first requests after a start or a change arrive
 * together (50 at once under load), and each reading and parsing every question again took
 * 100–130 ms; they now wait for one read.
 */
const loading = new Map<string, Promise<DeckCopy>>();

function loadDeckCopy(db: Db, deck: { id: string; contentVersion: number }): Promise<DeckCopy> {
  const key = `${deck.id}@${deck.contentVersion}`;
  let load = loading.get(key);
  if (!load) {
    load = readDeckCopy(db, deck).finally(() => loading.delete(key));
    loading.set(key, load);
  }
  return load;
}

async function readDeckCopy(
  db: Db,
  deck: { id: string; contentVersion: number },
): Promise<DeckCopy> {
  const rows = await db.question.findMany({
    where: { deckId: deck.id, retiredAt: null },
    select: { id: true, deckId: true, kind: true, siblingKey: true, aspect: true, payload: true },
    orderBy: { position: "asc" },
  });
  const questions = rows.map((row) =>
    deepFreeze({
      id: row.id,
      deckId: row.deckId,
      kind: row.kind as QuestionKind,
      siblingKey: row.siblingKey,
      aspect: row.aspect,
      question: parseQuestionPayload(row.payload),
    }),
  );
  return copies.set(deck.id, { contentVersion: deck.contentVersion, questions });
}

/** Decks whose parsed copies this process holds (the tests check the bound). */
export const rememberedDeckCopies = () => copies.size;
