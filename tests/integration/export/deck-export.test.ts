import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "@/lib/core/deck/types";
import { ankiGuid, escapeFieldHtml } from "@/lib/core/export/anki-text";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { exportDeck, readDeckExport, renderDeckExport } from "@/lib/server/export/deck-export";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { RATE_LIMITS } from "@/lib/server/rate-limits/limits";
import { createTestDatabase, type TestDatabase } from "../../setup/test-database";

/*
 * The Anki package read back by an independent reader (read_apkg.py: Python's zipfile and
 * sqlite3) and compared with the deck and with what Anki defines (ankitects/anki, written here
 * as facts): schema 11's tables, the note-type keys its importer requires, cloze ordinals.
 */

const DECK = "containers-vs-pods.ru";
const DAY_ONE = new Date("2026-03-02T06:00:00Z");
const READER = path.join(import.meta.dirname, "read_apkg.py");

/** rslib/src/storage/schema11.sql: the tables and their columns, in order. */
const SCHEMA_11_TABLES = {
  col: [
    "id",
    "crt",
    "mod",
    "scm",
    "ver",
    "dty",
    "usn",
    "ls",
    "conf",
    "models",
    "decks",
    "dconf",
    "tags",
  ],
  notes: ["id", "guid", "mid", "mod", "usn", "tags", "flds", "sfld", "csum", "flags", "data"],
  cards: [
    "id",
    "nid",
    "did",
    "ord",
    "mod",
    "usn",
    "type",
    "queue",
    "due",
    "ivl",
    "factor",
    "reps",
    "lapses",
    "left",
    "odue",
    "odid",
    "flags",
    "data",
  ],
  revlog: ["id", "cid", "usn", "ease", "ivl", "lastIvl", "factor", "time", "type"],
  graves: ["usn", "oid", "type"],
};
const SCHEMA_11_INDEXES = [
  "ix_cards_nid",
  "ix_cards_sched",
  "ix_cards_usn",
  "ix_notes_csum",
  "ix_notes_usn",
  "ix_revlog_cid",
  "ix_revlog_usn",
];
/** rslib/src/notetype/schema11.rs: keys without a serde default, which an import needs. */
const NOTE_TYPE_KEYS = ["id", "name", "type", "mod", "usn", "sortf", "did", "tmpls", "flds", "css"];
const FIELD_KEYS = ["name", "ord", "sticky", "rtl", "font", "size"];
const TEMPLATE_KEYS = ["name", "ord", "qfmt", "afmt"];
/** rslib/src/decks/schema11.rs and deckconfig/schema11.rs: a deck's and its options' required keys. */
const DECK_KEYS = [
  "id",
  "name",
  "usn",
  "lrnToday",
  "revToday",
  "newToday",
  "timeToday",
  "collapsed",
  "dyn",
  "conf",
];
const DECK_CONFIG_KEYS = [
  "id",
  "mod",
  "name",
  "usn",
  "maxTaken",
  "autoplay",
  "timer",
  "new",
  "rev",
  "lapse",
];

interface Package {
  files: string[];
  media: Record<string, string>;
  tables: Record<string, string[]>;
  indexes: string[];
  integrity: string;
  col: {
    ver: number;
    crt: number;
    models: Record<string, Record<string, unknown> & { flds: object[]; tmpls: object[] }>;
    decks: Record<string, { id: number; name: string; conf: number }>;
    dconf: Record<string, object>;
  };
  notes: {
    id: number;
    guid: string;
    mid: number;
    mod: number;
    fields: string[];
    tags: string[];
    sfld: string | number;
    csum: number;
    cloze_ords: number[];
  }[];
  cards: {
    id: number;
    nid: number;
    did: number;
    ord: number;
    type: number;
    queue: number;
    due: number;
    ivl: number;
    reps: number;
    lapses: number;
    data: { s: number; d: number; dr: number; lrt?: number } | null;
  }[];
  revlog: {
    id: number;
    cid: number;
    ease: number;
    ivl: number;
    lastIvl: number;
    factor: number;
    time: number;
    type: number;
  }[];
}

function readBack(bytes: Uint8Array): Package {
  const file = path.join(os.tmpdir(), `poddeck-export-${crypto.randomUUID()}.apkg`);
  fs.writeFileSync(file, bytes);
  try {
    return JSON.parse(execFileSync("python3", [READER, file], { encoding: "utf8" })) as Package;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

let t: TestDatabase;
let learnerId: string;
let questions: Question[];
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: DAY_ONE });
  learnerId = (
    await t.db.learner.create({ data: { settings: JSON.stringify({ enableFuzz: false }) } })
  ).id;
  // Six answers: three new cards Again, then Good on each as they come back.
  let now = DAY_ONE;
  for (const rating of [1, 1, 1, 3, 3, 3] as const) {
    const { card } = await getStudyCard(t.db, { learnerId, deckIds: [DECK], now });
    await submitAnswer(t.db, {
      learnerId,
      input: {
        clientAnswerId: crypto.randomUUID(),
        questionId: card!.question.id,
        cardVersion: card!.cardVersion,
        answer: { type: "reveal" },
        rating,
        durationMs: 4_000,
      },
      now,
    });
    now = new Date(now.getTime() + 11 * 60_000);
  }
  const data = await readDeckExport(t.db, { viewer: {}, deckId: DECK, withProgress: false });
  questions = data.questions.map((q) => q.question);
});
afterAll(() => t.cleanup());

async function apkg(options: { withProgress: boolean; now?: Date; viewer?: object }) {
  const data = await readDeckExport(t.db, {
    viewer: options.viewer ?? { learnerId },
    deckId: DECK,
    withProgress: options.withProgress,
  });
  return readBack(renderDeckExport(data, "apkg", options.now ?? DAY_ONE).body);
}

describe("the Anki package against Anki's definitions", () => {
  it("holds collection.anki2 and an empty media map", async () => {
    const pkg = await apkg({ withProgress: false });
    expect(pkg.files).toEqual(["collection.anki2", "media"]);
    expect(pkg.media).toEqual({});
    expect(pkg.integrity).toBe("ok");
  });

  it("has exactly schema 11's tables, columns and indexes, version 11", async () => {
    const pkg = await apkg({ withProgress: false });
    expect(pkg.tables).toEqual(SCHEMA_11_TABLES);
    expect(pkg.indexes).toEqual(SCHEMA_11_INDEXES);
    expect(pkg.col.ver).toBe(11);
  });

  it("every note type carries the keys Anki requires, on fields and templates too", async () => {
    const pkg = await apkg({ withProgress: false });
    const models = Object.entries(pkg.col.models);
    expect(models).toHaveLength(4);
    for (const [id, model] of models) {
      for (const key of NOTE_TYPE_KEYS) expect(model, `${model.name}.${key}`).toHaveProperty(key);
      expect(String(model.id)).toBe(id);
      expect([0, 1]).toContain(model.type);
      model.flds.forEach((field, ord) => {
        for (const key of FIELD_KEYS) expect(field).toHaveProperty(key);
        expect(field).toMatchObject({ ord });
      });
      model.tmpls.forEach((template, ord) => {
        for (const key of TEMPLATE_KEYS) expect(template).toHaveProperty(key);
        expect(template).toMatchObject({ ord });
      });
    }
    expect(models.filter(([, m]) => m.type === 1).map(([, m]) => m.name)).toEqual([
      "PodDeck Cloze",
    ]);
  });

  it("has one deck named after the PodDeck deck, holding every card", async () => {
    const pkg = await apkg({ withProgress: false });
    const deck = Object.values(pkg.col.decks).find((d) => d.id !== 1)!;
    expect(deck.name).toBe("Контейнеры и поды (Pods)".length ? deck.name : "");
    const { deck: info } = await readDeckExport(t.db, {
      viewer: {},
      deckId: DECK,
      withProgress: false,
    });
    expect(deck.name).toBe(info.title);
    expect(new Set(pkg.cards.map((c) => c.did))).toEqual(new Set([deck.id]));
    for (const each of Object.values(pkg.col.decks)) {
      for (const key of DECK_KEYS) expect(each, `deck ${each.name}.${key}`).toHaveProperty(key);
      expect(pkg.col.dconf).toHaveProperty(String(each.conf));
    }
    for (const config of Object.values(pkg.col.dconf)) {
      for (const key of DECK_CONFIG_KEYS) expect(config).toHaveProperty(key);
    }
  });
});

describe("the Anki package against the deck", () => {
  it("has a note per question (GUID from its id) and a card per question", async () => {
    const pkg = await apkg({ withProgress: false });
    const noteByGuid = new Map(pkg.notes.map((n) => [n.guid, n]));
    const cardsOf = (nid: number) =>
      pkg.cards
        .filter((c) => c.nid === nid)
        .map((c) => c.ord)
        .sort();
    const paired = new Set<string>();
    for (const q of questions.filter((q) => q.kind === "definition")) {
      const note = noteByGuid.get(ankiGuid(q.id))!;
      expect(note.fields[0]).toBe(escapeFieldHtml(q.prompt));
      const reverse = questions.find(
        (r) => r.kind === "reverse-definition" && r.siblingKey === q.siblingKey,
      );
      if (reverse) {
        paired.add(reverse.id);
        expect(note.fields[2]).toBe(escapeFieldHtml(reverse.prompt));
        expect(cardsOf(note.id), "a reversed note has two cards").toEqual([0, 1]);
      } else {
        expect(cardsOf(note.id)).toEqual([0]);
      }
    }
    for (const q of questions.filter((q) => q.kind !== "definition" && !paired.has(q.id))) {
      const note = noteByGuid.get(ankiGuid(q.id));
      expect(note, `${q.kind} ${q.id}`).toBeDefined();
      if (q.kind === "cloze") {
        expect(note!.cloze_ords).toEqual([0]);
        expect(cardsOf(note!.id), "one cloze card per {{cN::}}, ord N-1").toEqual(note!.cloze_ords);
        // Without the deletion markup, the text is the source sentence.
        expect(note!.fields[0]!.replace(/\{\{c1::(.*?)\}\}/g, "$1")).toBe(
          escapeFieldHtml(q.source.quote),
        );
      } else {
        expect(note!.fields[0]).toBe(escapeFieldHtml(q.prompt));
        expect(cardsOf(note!.id)).toEqual([0]);
      }
      expect(note!.tags).toContain(`poddeck::kind::${q.kind}`);
      expect(note!.fields.join("\x1f")).toContain(escapeFieldHtml(q.source.quote));
    }
    expect(pkg.cards).toHaveLength(questions.length);
    expect(pkg.notes).toHaveLength(questions.length - paired.size);
  });

  it("keeps sort field and checksum as Anki computes them", async () => {
    const pkg = await apkg({ withProgress: false });
    for (const note of pkg.notes.slice(0, 5)) {
      const digest = crypto.createHash("sha1").update(String(note.sfld)).digest();
      expect(note.csum).toBe(digest.readUInt32BE(0));
    }
  });

  it("gives the same GUIDs, note types and fields on a later export", async () => {
    const first = await apkg({ withProgress: false });
    const second = await apkg({
      withProgress: false,
      now: new Date(DAY_ONE.getTime() + 86_400_000),
    });
    const shape = (p: Package) => p.notes.map((n) => [n.guid, n.mid, n.fields.join("|")]).sort();
    expect(shape(second)).toEqual(shape(first));
  });

  it("without progress, every card is new in deck order and revlog is empty", async () => {
    const pkg = await apkg({ withProgress: false });
    expect(pkg.revlog).toEqual([]);
    for (const card of pkg.cards)
      expect([card.type, card.queue, card.reps, card.data]).toEqual([0, 0, 0, null]);
  });
});

describe("the Anki package with my progress", () => {
  it("holds my answers in revlog and my FSRS state in card data", async () => {
    const pkg = await apkg({ withProgress: true });
    const logs = await t.db.reviewLog.findMany({
      where: { learnerId },
      orderBy: { reviewedAt: "asc" },
    });
    const cards = await t.db.card.findMany({ where: { learnerId } });
    expect(logs).toHaveLength(6);
    expect(pkg.revlog.map((r) => [r.id, r.ease])).toEqual(
      logs.map((l) => [l.reviewedAt.getTime(), l.rating]),
    );
    // Each answer is on the card of its question: find the card through the note's GUID.
    const noteById = new Map(pkg.notes.map((n) => [n.id, n]));
    const cardById = new Map(pkg.cards.map((c) => [c.id, c]));
    for (const [i, entry] of pkg.revlog.entries()) {
      const note = noteById.get(cardById.get(entry.cid)!.nid)!;
      const question = questions.find((q) => q.id === logs[i]!.questionId)!;
      const reverseOf = questions.find(
        (d) => d.kind === "definition" && d.siblingKey === question.siblingKey,
      );
      const owner = question.kind === "reverse-definition" && reverseOf ? reverseOf : question;
      expect(note.guid).toBe(ankiGuid(owner.id));
      expect(entry.time).toBe(4_000);
      // First answer of a new card: learning; the card's state before the answer decides.
      expect(entry.type).toBe(logs[i]!.state === 2 ? 1 : logs[i]!.state === 3 ? 2 : 0);
      expect(entry.factor).toBeGreaterThanOrEqual(100);
      expect(entry.factor).toBeLessThanOrEqual(1100);
    }
    const studied = pkg.cards.filter((c) => c.reps > 0);
    expect(studied).toHaveLength(cards.length);
    // Both kinds of due date are checked below: learning (Unix seconds) and review (days).
    expect(new Set(studied.map((c) => c.queue))).toEqual(new Set([1, 2]));
    for (const card of studied) {
      expect([1, 2, 3]).toContain(card.type);
      expect(card.data).not.toBeNull();
      const mine = cards.find(
        (c) =>
          Math.abs(c.stability - card.data!.s) < 1e-4 &&
          Math.abs(c.difficulty - card.data!.d) < 1e-3,
      );
      expect(mine, "a card carries its FSRS stability and difficulty").toBeDefined();
      expect(card.data!.dr).toBe(0.9);
      expect(card.data!.lrt).toBe(Math.floor(mine!.lastReview!.getTime() / 1000));
      if (card.queue === 1) expect(card.due).toBe(Math.floor(mine!.due.getTime() / 1000));
      if (card.queue === 2) {
        expect(card.due).toBe(Math.floor((mine!.due.getTime() / 1000 - pkg.col.crt) / 86_400));
      }
    }
  });

  it("holds only the caller's own progress: another learner's export is all new", async () => {
    const other = await t.db.learner.create({ data: {} });
    const pkg = await apkg({ withProgress: true, viewer: { learnerId: other.id } });
    expect(pkg.revlog).toEqual([]);
    expect(pkg.cards.every((c) => c.type === 0)).toBe(true);
  });
});

describe("exportDeck", () => {
  it("is a 404 for a deck the viewer cannot see", async () => {
    await expect(
      exportDeck(t.db, {
        viewer: {},
        address: "a1",
        deckId: "nope",
        format: "csv",
        withProgress: false,
        now: DAY_ONE,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is rate-limited per viewer", async () => {
    const viewer = { learnerId: (await t.db.learner.create({ data: {} })).id };
    const options = {
      viewer,
      address: "a2",
      deckId: DECK,
      format: "quizlet" as const,
      withProgress: false,
      now: DAY_ONE,
    };
    for (let i = 0; i < RATE_LIMITS.deckExportsPerViewer.max; i += 1) {
      await exportDeck(t.db, options);
    }
    await expect(exportDeck(t.db, options)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
