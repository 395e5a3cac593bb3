import { encodeCsv } from "@/lib/core/classes/gradebook-csv";
import { ankiGuid, ankiTag, escapeFieldHtml } from "./anki-text";
import { clozeText } from "./anki-notes";
import {
  choiceLines,
  termAndDefinition,
  type ExportDeckInfo,
  type ExportQuestion,
} from "./flatten";

/*
 * The text formats. Anki's: tab-separated with the header lines Anki's importer reads
 * (rslib/src/import_export/text/csv/metadata.rs) in the column order its own note export writes
 * (guid, notetype, deck, fields, tags). The note types are Anki's stock "Basic" and "Cloze", which
 * every collection has, so the file pastes into any profile; the package (.apkg) brings
 * PodDeck's own types instead.
 */

/** An Anki text field: quoted (quotes doubled) when it holds a tab, quote, line break or a leading #. */
export function ankiTextField(value: string): string {
  return /[\t"\r\n]|^#/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function ankiTextExport(deck: ExportDeckInfo, questions: ExportQuestion[]): string {
  const header = [
    "#separator:tab",
    "#html:true",
    "#guid column:1",
    "#notetype column:2",
    "#deck column:3",
    "#tags column:6",
  ];
  const aspectTitle = new Map(deck.aspects.map((a) => [a.key, a.title]));
  const rows = questions.map(({ question }) => {
    const aspect = aspectTitle.get(question.tags.aspect) ?? question.tags.aspect;
    const source = `${escapeFieldHtml(question.source.quote)} (${question.source.line}) — ${escapeFieldHtml(aspect)}`;
    const tags = [
      ...question.tags.concepts.map((c) => ankiTag("concept", c)),
      ankiTag("aspect", question.tags.aspect),
      ankiTag("kind", question.kind),
    ].join(" ");
    let notetype = "Basic";
    let fields: [string, string];
    if (question.kind === "cloze") {
      notetype = "Cloze";
      fields = [clozeText(question), source];
    } else {
      const { term, definition } = termAndDefinition(question);
      fields = [escapeFieldHtml(term), `${escapeFieldHtml(definition)}<br><br>${source}`];
    }
    return [ankiGuid(question.id), notetype, deck.title, ...fields, tags]
      .map(ankiTextField)
      .join("\t");
  });
  return [...header, ...rows].join("\n") + "\n";
}

/** One line of Quizlet text: no tab or line break may survive inside it. */
export function quizletText(value: string): string {
  return value
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/[\t\s]+/g, " ").trim())
    .filter(Boolean)
    .join(" / ");
}

/**
 * Quizlet's import box ("Between term and definition: Tab", "Between cards: New line"): one
 * card a line, options folded into the term and line breaks into " / ".
 */
export function quizletExport(questions: ExportQuestion[]): string {
  return (
    questions
      .map(({ question }) => {
        const { term, definition } = termAndDefinition(question);
        return `${quizletText(term)}\t${quizletText(definition)}`;
      })
      .join("\n") + "\n"
  );
}

export const CSV_COLUMNS = [
  "id",
  "kind",
  "question",
  "options",
  "answer",
  "explanation",
  "source",
  "line",
  "concepts",
  "aspect",
] as const;

/** Every question with all it keeps, as a spreadsheet opens it (UTF-8 with BOM, RFC 4180). */
export function csvExport(deck: ExportDeckInfo, questions: ExportQuestion[]): string {
  const aspectTitle = new Map(deck.aspects.map((a) => [a.key, a.title]));
  return encodeCsv([
    [...CSV_COLUMNS],
    ...questions.map(({ question }) => [
      question.id,
      question.kind,
      question.prompt,
      choiceLines(question).join("\n"),
      termAndDefinition(question).definition,
      question.explanation,
      question.source.quote,
      question.source.line,
      question.tags.concepts.join(", "),
      aspectTitle.get(question.tags.aspect) ?? question.tags.aspect,
    ]),
  ]);
}
