import { describe, expect, it } from "vitest";
import {
  ANKI_BASE91,
  ankiGuid,
  ankiTag,
  escapeFieldHtml,
  toAnkiBase91,
} from "@/lib/core/export/anki-text";
import { NOTE_TYPES, templateFields } from "@/lib/core/export/anki-note-types";
import {
  cardOrdinals,
  clozeOrdinals,
  clozeText,
  questionsToNotes,
} from "@/lib/core/export/anki-notes";
import { EDITED_AT, exportDeckOf, trickyQuestion, SEED_RU } from "./export-fixtures";

describe("Anki GUIDs", () => {
  it("use Anki's base-91 alphabet, most significant digit first", () => {
    expect(ANKI_BASE91).toHaveLength(91);
    expect(toAnkiBase91(0n)).toBe("");
    expect(toAnkiBase91(90n)).toBe("~");
    expect(toAnkiBase91(91n)).toBe("ba");
    // 2^64-1 takes 10 digits, like Anki's own GUIDs ("cU1%zNUzk1").
    expect(toAnkiBase91(2n ** 64n - 1n)).toHaveLength(10);
  });

  it("are stable per question id and differ between questions", () => {
    const { questions } = exportDeckOf();
    const guids = questions.map((q) => ankiGuid(q.question.id));
    expect(questions.map((q) => ankiGuid(q.question.id))).toEqual(guids);
    expect(new Set(guids).size).toBe(guids.length);
    for (const guid of guids) expect([...guid].every((c) => ANKI_BASE91.includes(c))).toBe(true);
  });
});

describe("field HTML and tags", () => {
  it("escapes markup and turns line breaks into <br>, keeping Cyrillic", () => {
    expect(escapeFieldHtml('Под <b>"a" & b</b>\r\nх\nу')).toBe(
      "Под &lt;b&gt;&quot;a&quot; &amp; b&lt;/b&gt;<br>х<br>у",
    );
  });

  it("makes one space-free tag per concept, aspect and kind", () => {
    expect(ankiTag("aspect", "other:общее управление")).toBe(
      "poddeck::aspect::other-общее_управление",
    );
    expect(ankiTag("concept", "pod")).toBe("poddeck::concept::pod");
  });
});

describe("note types", () => {
  it("every template's question side names fields of its note type", () => {
    for (const type of Object.values(NOTE_TYPES)) {
      for (const template of type.templates) {
        const fields = templateFields(template.qfmt);
        expect(fields.length, `${type.name} ${template.name}`).toBeGreaterThan(0);
        for (const field of fields) expect(type.fields).toContain(field);
      }
    }
    expect(templateFields("{{cloze:Text}}")).toEqual(["Text"]);
    expect(templateFields("{{#Source}}x{{/Source}}{{Front}}")).toEqual(["Front"]);
  });

  it("have distinct ids and names", () => {
    const types = Object.values(NOTE_TYPES);
    expect(new Set(types.map((t) => t.id)).size).toBe(types.length);
    expect(new Set(types.map((t) => t.name)).size).toBe(types.length);
  });
});

describe("cloze", () => {
  it("makes one card per distinct deletion number, ord = N-1", () => {
    expect(clozeOrdinals("{{c1::a}} {{c3::b}} {{c1::c}} {{c2::d::hint}}")).toEqual([0, 1, 2]);
    expect(clozeOrdinals("{{c5::a}}")).toEqual([4]);
    expect(clozeOrdinals("no deletions {{c0::x}}")).toEqual([]);
    expect(cardOrdinals("cloze", ["{{c2::x}} {{c4::y}}", "", "", ""])).toEqual([1, 3]);
  });

  it("wraps every whole-word occurrence of the answer in the source sentence", () => {
    const question = trickyQuestion({
      kind: "cloze",
      answer: "localhost",
      prompt: "Заполните пропуск: «через _____ и _____»",
      source: {
        section: [],
        line: 3,
        endLine: 3,
        quote: "Через localhost и LOCALHOST, не localhosts.",
      },
    });
    expect(clozeText(question)).toBe("Через {{c1::localhost}} и {{c1::LOCALHOST}}, не localhosts.");
  });

  it("escapes braces and :: so the deletion cannot end early; falls back to the prompt", () => {
    const question = trickyQuestion({
      kind: "cloze",
      answer: "a::b}}",
      prompt: "x _____ y",
      source: { section: [], line: 3, endLine: 3, quote: "nothing here" },
    });
    const text = clozeText(question);
    expect(text).toBe("x {{c1::a:&#58;b}&#125;}} y");
    expect(clozeOrdinals(text)).toEqual([0]);
  });
});

describe("questions to notes", () => {
  it("puts every question of a deck on exactly one card", () => {
    for (const file of [undefined, SEED_RU]) {
      const { deck, questions } = exportDeckOf(file);
      const notes = questionsToNotes(deck, questions);
      const carded = notes.flatMap((n) => n.cards.map((c) => c.questionId)).sort();
      expect(carded).toEqual(questions.map((q) => q.question.id).sort());
    }
  });

  it("maps each kind to its note type, with a reversed note of two cards per definition pair", () => {
    const { deck, questions } = exportDeckOf();
    const notes = questionsToNotes(deck, questions);
    const kindOf = new Map(questions.map((q) => [q.question.id, q.question.kind]));
    for (const note of notes) {
      const kinds = note.cards.map((c) => kindOf.get(c.questionId));
      expect(note.fields).toHaveLength(NOTE_TYPES[note.noteType].fields.length);
      if (note.noteType === "reversed") {
        expect(kinds[0]).toBe("definition");
        if (note.cards.length === 2) {
          expect(note.cards.map((c) => c.ord)).toEqual([0, 1]);
          expect(kinds[1]).toBe("reverse-definition");
        } else {
          expect(note.fields[2]).toBe("");
        }
      }
      if (note.noteType === "cloze") expect(kinds).toEqual(["cloze"]);
      if (note.noteType === "choice") {
        expect(["classify", "multiple-choice", "true-false", "scenario", "matching"]).toContain(
          kinds[0],
        );
      }
    }
    const types = new Set(notes.map((n) => n.noteType));
    expect(types).toEqual(new Set(["basic", "reversed", "cloze", "choice"]));
    const pairs = notes.filter((n) => n.noteType === "reversed" && n.cards.length === 2);
    expect(pairs.length).toBeGreaterThan(0);
  });

  it("shows a choice question's options and a matching question's right pairs", () => {
    const { deck, questions } = exportDeckOf();
    const notes = questionsToNotes(deck, questions);
    const byQuestion = new Map(notes.flatMap((n) => n.cards.map((c) => [c.questionId, n])));
    const mc = questions.find((q) => q.question.kind === "multiple-choice")!.question;
    const note = byQuestion.get(mc.id)!;
    for (const option of mc.options!)
      expect(note.fields[1]).toContain(escapeFieldHtml(option.text));
    expect(note.fields[2]).toBe(escapeFieldHtml(mc.answer));
    const matching = questions.find((q) => q.question.kind === "matching")!.question;
    const pairsField = byQuestion.get(matching.id)!.fields[2]!;
    for (const left of matching.matching!.left) {
      const right = matching.matching!.right.find(
        (r) => r.id === matching.matching!.solution[left.id],
      )!;
      expect(pairsField).toContain(escapeFieldHtml(`${left.text} → ${right.text}`));
    }
  });

  it("carries the source quote, aspect and tags, and the edit time as the note's mod", () => {
    const { deck, questions } = exportDeckOf();
    const [note] = questionsToNotes(deck, questions.slice(0, 1));
    const { question } = questions[0]!;
    expect(note!.fields.join("\n")).toContain(escapeFieldHtml(question.source.quote));
    const title = deck.aspects.find((a) => a.key === question.tags.aspect)!.title;
    expect(note!.fields.at(-1)).toBe(escapeFieldHtml(title));
    expect(note!.tags).toContain(ankiTag("aspect", question.tags.aspect));
    expect(note!.mod).toBe(EDITED_AT.getTime() / 1000);
  });

  it("keeps GUIDs across an edit and moves mod forward, so Anki updates the note", () => {
    // An edit that keeps a question's prompt and answer keeps its id (README, Decks): here the
    // source sentence it cites changed.
    const { deck, questions } = exportDeckOf();
    const before = questionsToNotes(deck, questions);
    const edited = questions.map((q, i) =>
      i === 0
        ? {
            question: {
              ...q.question,
              source: { ...q.question.source, quote: `${q.question.source.quote} (edited)` },
            },
            updatedAt: new Date(EDITED_AT.getTime() + 3_600_000),
          }
        : q,
    );
    const after = questionsToNotes(deck, edited);
    expect(after.map((n) => n.guid)).toEqual(before.map((n) => n.guid));
    expect(after[0]!.fields.join()).toContain("(edited)");
    expect(before[0]!.fields.join()).not.toContain("(edited)");
    expect(after[0]!.mod).toBe(before[0]!.mod + 3600);
  });
});
