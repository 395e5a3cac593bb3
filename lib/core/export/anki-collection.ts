import { hashText } from "@/lib/core/deck/hash-text";
import { questionsToNotes, type AnkiNote } from "./anki-notes";
import {
  NOTE_TYPE_CSS,
  NOTE_TYPES,
  NOTE_TYPES_MOD,
  templateFields,
  type NoteTypeDefinition,
} from "./anki-note-types";
import {
  ankiRevlog,
  ankiSchedule,
  uniqueRevlogIds,
  type AnkiSchedule,
  type AnkiRevlogEntry,
  type CardProgress,
  type ReviewRecord,
} from "./anki-progress";
import type { ExportDeckInfo, ExportQuestion } from "./flatten";

/*
 * The rows of a schema-11 `collection.anki2` (ankitects/anki rslib/src/storage/schema11.sql),
 * built from a deck without touching a database: lib/server/export writes them to SQLite.
 */

export interface AnkiCollectionInput {
  deck: ExportDeckInfo;
  questions: ExportQuestion[];
  /** The learner's cards and answers ("with my progress"), or null for a deck without progress. */
  progress: { cards: CardProgress[]; reviews: ReviewRecord[]; desiredRetention: number } | null;
  now: Date;
  /** Anki's `csum`: the first 4 bytes of SHA-1 of the sort field as plain text (a number). */
  fieldChecksum: (text: string) => number;
}

export interface AnkiCollectionRows {
  col: {
    crt: number;
    mod: number;
    scm: number;
    ver: 11;
    conf: string;
    models: string;
    decks: string;
    dconf: string;
    tags: string;
  };
  notes: {
    id: number;
    guid: string;
    mid: number;
    mod: number;
    tags: string;
    flds: string;
    sfld: string;
    csum: number;
  }[];
  cards: ({ id: number; nid: number; did: number; ord: number; mod: number } & AnkiSchedule)[];
  revlog: (AnkiRevlogEntry & { cid: number })[];
  /** Which question each card stands for (for tests and the round trip). */
  cardQuestions: Map<number, string>;
}

/** Anki's field separator inside `notes.flds`. */
export const FIELD_SEPARATOR = "\x1f";

/** A stable deck id per PodDeck deck (never 1, Anki's "Default"), below any current ms time. */
export function ankiDeckId(deckId: string): number {
  return (
    1_600_000_000_000 +
    (Number.parseInt(hashText(`poddeck-deck:${deckId}`).slice(0, 10), 16) % 99_999_999_999)
  );
}

/** Field HTML as plain text, as Anki's sort field and checksum see it. */
export function stripHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}

function noteTypeJson(definition: NoteTypeDefinition, deckId: number) {
  return {
    id: definition.id,
    name: definition.name,
    type: definition.type,
    mod: NOTE_TYPES_MOD,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: definition.templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: "",
      bafmt: "",
      did: null,
      bfont: "",
      bsize: 0,
    })),
    flds: definition.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: "Arial",
      size: 20,
      media: [],
    })),
    css: NOTE_TYPE_CSS,
    latexPre:
      "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
    latexPost: "\\end{document}",
    latexsvg: false,
    // Which fields each card needs (legacy clients read it; current Anki derives it itself).
    req:
      definition.type === 1
        ? []
        : definition.templates.map((t, ord) => [
            ord,
            "any",
            templateFields(t.qfmt).map((name) => definition.fields.indexOf(name)),
          ]),
    tags: [],
    vers: [],
  };
}

function deckJson(id: number, name: string, modSecs: number) {
  return {
    id,
    name,
    mod: modSecs,
    usn: -1,
    desc: "",
    dyn: 0,
    conf: 1,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

const DEFAULT_DECK_CONFIG = {
  id: 1,
  name: "Default",
  mod: 0,
  usn: 0,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: {
    delays: [1, 10],
    ints: [1, 4, 0],
    initialFactor: 2500,
    order: 1,
    perDay: 20,
    bury: false,
  },
  lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 1 },
  rev: { perDay: 200, ease4: 1.3, ivlFct: 1, maxIvl: 36500, hardFactor: 1.2, bury: false },
};

const DAY_MS = 86_400_000;

export function buildAnkiCollection(input: AnkiCollectionInput): AnkiCollectionRows {
  const { deck, questions, progress, now } = input;
  const nowMs = now.getTime();
  const nowSecs = Math.floor(nowMs / 1000);
  // Day 0 of the collection is the export's UTC day: review due dates count from it, and Anki
  // shifts them by the difference to the importing collection's own day.
  const crtMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const deckId = ankiDeckId(deck.id);
  const notes: AnkiNote[] = questionsToNotes(deck, questions);
  const position = new Map(questions.map((q, i) => [q.question.id, i]));
  const cardOf = new Map(progress?.cards.map((c) => [c.questionId, c]) ?? []);
  const reviewsOf = new Map<string, ReviewRecord[]>();
  for (const review of progress?.reviews ?? []) {
    reviewsOf.set(review.questionId, [...(reviewsOf.get(review.questionId) ?? []), review]);
  }
  // Ids are times in ms in Anki; any below "tomorrow" are valid and the importer matches notes
  // by GUID and cards by (note, ordinal), so these only need to be unique within the file.
  const noteIdBase = nowMs - 20_000_000;
  const cardIdBase = nowMs - 10_000_000;
  const rows: AnkiCollectionRows = {
    col: {
      crt: Math.floor(crtMs / 1000),
      mod: nowMs,
      scm: nowMs,
      ver: 11,
      conf: JSON.stringify({
        nextPos: questions.length + 1,
        estTimes: true,
        activeDecks: [deckId],
        sortType: "noteFld",
        timeLim: 0,
        sortBackwards: false,
        addToCur: true,
        curDeck: deckId,
        newSpread: 0,
        dueCounts: true,
        curModel: NOTE_TYPES.basic.id,
        collapseTime: 1200,
        schedVer: 2,
      }),
      models: JSON.stringify(
        Object.fromEntries(
          Object.values(NOTE_TYPES).map((d) => [String(d.id), noteTypeJson(d, deckId)]),
        ),
      ),
      decks: JSON.stringify({
        "1": deckJson(1, "Default", nowSecs),
        [String(deckId)]: deckJson(deckId, deck.title, nowSecs),
      }),
      dconf: JSON.stringify({ "1": DEFAULT_DECK_CONFIG }),
      tags: "{}",
    },
    notes: [],
    cards: [],
    revlog: [],
    cardQuestions: new Map(),
  };
  let cardIndex = 0;
  const revlog: (AnkiRevlogEntry & { cid: number })[] = [];
  notes.forEach((note, noteIndex) => {
    const nid = noteIdBase + noteIndex;
    const sfld = stripHtml(note.fields[0] ?? "");
    rows.notes.push({
      id: nid,
      guid: note.guid,
      mid: NOTE_TYPES[note.noteType].id,
      mod: note.mod,
      // Anki stores tags space-separated with a space at each end.
      tags: note.tags.length ? ` ${note.tags.join(" ")} ` : "",
      flds: note.fields.join(FIELD_SEPARATOR),
      sfld,
      csum: input.fieldChecksum(sfld),
    });
    for (const card of note.cards) {
      const cid = cardIdBase + cardIndex;
      cardIndex += 1;
      const mine = cardOf.get(card.questionId) ?? null;
      const schedule = ankiSchedule(progress ? mine : null, {
        crtMs,
        position: position.get(card.questionId) ?? 0,
        desiredRetention: progress?.desiredRetention ?? 0.9,
      });
      rows.cards.push({ id: cid, nid, did: deckId, ord: card.ord, mod: nowSecs, ...schedule });
      rows.cardQuestions.set(cid, card.questionId);
      if (progress) {
        for (const entry of ankiRevlog(reviewsOf.get(card.questionId) ?? [], mine)) {
          revlog.push({ ...entry, cid });
        }
      }
    }
  });
  rows.revlog = uniqueRevlogIds(revlog.sort((a, b) => a.id - b.id));
  return rows;
}
