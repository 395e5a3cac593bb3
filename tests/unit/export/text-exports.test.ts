import { describe, expect, it } from "vitest";
import { ankiGuid } from "@/lib/core/export/anki-text";
import {
  ankiTextExport,
  ankiTextField,
  CSV_COLUMNS,
  csvExport,
  quizletExport,
  quizletText,
} from "@/lib/core/export/text-exports";
import { reviewHistoryCsv, numericCardId } from "@/lib/core/export/review-history-csv";
import { EDITED_AT, exportDeckOf, trickyQuestion } from "./export-fixtures";

/** A minimal reader of Anki's text rows (tab-separated, "-quoted with "" inside). */
function readAnkiRows(text: string): string[][] {
  const body = text
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === "\t" || c === "\n") {
      row.push(field);
      field = "";
      if (c === "\n") {
        rows.push(row);
        row = [];
      }
    } else field += c;
  }
  return rows;
}

const tricky = { question: trickyQuestion(), updatedAt: EDITED_AT };
const DECK = { id: "tricky", title: "Поды\tи контейнеры", language: "ru" as const, aspects: [] };

describe("Anki text export", () => {
  it("starts with the header lines Anki's importer reads", () => {
    const text = ankiTextExport(DECK, [tricky]);
    expect(text.split("\n").slice(0, 6)).toEqual([
      "#separator:tab",
      "#html:true",
      "#guid column:1",
      "#notetype column:2",
      "#deck column:3",
      "#tags column:6",
    ]);
  });

  it("quotes a field with a tab, quote, line break or leading #, doubling quotes", () => {
    expect(ankiTextField("plain")).toBe("plain");
    expect(ankiTextField("a\tb")).toBe('"a\tb"');
    expect(ankiTextField('say "hi"')).toBe('"say ""hi"""');
    expect(ankiTextField("#1")).toBe('"#1"');
    expect(ankiTextField("a\nb")).toBe('"a\nb"');
  });

  it("keeps one row of six columns per question, whatever the text holds", () => {
    const { deck, questions } = exportDeckOf();
    const all = [...questions, tricky];
    const rows = readAnkiRows(ankiTextExport({ ...DECK, ...deck, title: DECK.title }, all));
    expect(rows).toHaveLength(all.length);
    for (const [i, row] of rows.entries()) {
      expect(row).toHaveLength(6);
      expect(row[0]).toBe(ankiGuid(all[i]!.question.id));
      expect(row[1]).toBe(all[i]!.question.kind === "cloze" ? "Cloze" : "Basic");
      expect(row[2]).toBe(DECK.title);
    }
    const last = rows.at(-1)!;
    // HTML mode: markup escaped, line breaks as <br>, Cyrillic as is.
    expect(last[3]).toBe(
      "Под\tи &quot;контейнер&quot;:<br>чем &lt;b&gt;они&lt;/b&gt; различаются &amp; почему?",
    );
    expect(last[4]).toContain("#1 Под — группа;<br>контейнер — процесс");
    expect(last[5]).toBe(
      "poddeck::concept::pod poddeck::concept::container poddeck::aspect::other-общее_управление poddeck::kind::explain",
    );
  });

  it("writes a cloze question as Anki's Cloze with its deletion", () => {
    const { deck, questions } = exportDeckOf();
    const cloze = questions.find((q) => q.question.kind === "cloze")!;
    const [row] = readAnkiRows(ankiTextExport(deck, [cloze]));
    expect(row![1]).toBe("Cloze");
    expect(row![3]).toMatch(/\{\{c1::[^}]+\}\}/);
  });
});

describe("Quizlet export", () => {
  it("is one card a line, term and definition split by the only tab", () => {
    const { questions } = exportDeckOf();
    const all = [...questions, tricky];
    const lines = quizletExport(all).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(all.length);
    for (const line of lines) expect(line.split("\t")).toHaveLength(2);
    expect(lines.at(-1)).toBe(
      'Под и "контейнер": / чем <b>они</b> различаются & почему?\t#1 Под — группа; / контейнер — процесс / • общая сеть / • общие тома',
    );
  });

  it("folds the options of a picking question into the term", () => {
    const { questions } = exportDeckOf();
    const mc = questions.find((q) => q.question.kind === "multiple-choice")!;
    const [term, definition] = quizletExport([mc]).trimEnd().split("\t");
    for (const option of mc.question.options!) expect(term).toContain(option.text);
    expect(definition).toBe(quizletText(mc.question.answer));
  });
});

describe("CSV export", () => {
  it("is UTF-8 with a BOM, CRLF rows and RFC 4180 quoting", () => {
    const csv = csvExport(DECK, [tricky]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, row, end] = csv.slice(1).split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(header).toBe(CSV_COLUMNS.map((c) => `"${c}"`).join(","));
    expect(end).toBe("");
    expect(row).toContain('"Под\tи ""контейнер"":\nчем <b>они</b> различаются & почему?"');
    expect(row).toContain(",7,");
  });
});

describe("review history CSV (FSRS optimiser format)", () => {
  it("has the optimiser's columns, no BOM, numbers only, oldest answer first", () => {
    const csv = reviewHistoryCsv([
      { cardId: "c2", reviewedAt: new Date(2_000), rating: 3, state: 2, durationMs: 4200.4 },
      { cardId: "c1", reviewedAt: new Date(1_000), rating: 1, state: 0, durationMs: 900 },
    ]);
    expect(csv).toBe(
      "card_id,review_time,review_rating,review_state,review_duration\n" +
        `${numericCardId("c1")},1000,1,0,900\n` +
        `${numericCardId("c2")},2000,3,2,4200\n`,
    );
    expect(Number.isSafeInteger(numericCardId("c1"))).toBe(true);
    expect(numericCardId("c1")).not.toBe(numericCardId("c2"));
  });
});
