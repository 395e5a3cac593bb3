import type { Question } from "@/lib/core/deck/types";
import { ankiGuid, ankiTag, escapeFieldHtml } from "./anki-text";
import { NOTE_TYPES, templateFields, type NoteTypeKey } from "./anki-note-types";
import { choiceLines, matchingPairs, type ExportDeckInfo, type ExportQuestion } from "./flatten";

/** One note of the package: its fields as Anki HTML and which question each card stands for. */
export interface AnkiNote {
  guid: string;
  noteType: NoteTypeKey;
  fields: string[];
  tags: string[];
  /** Seconds: the last edit of its questions, so Anki updates an older copy on import. */
  mod: number;
  cards: { ord: number; questionId: string }[];
}

const CHOICE_KINDS = new Set(["classify", "multiple-choice", "true-false", "scenario", "matching"]);

/** Every distinct `{{cN::…}}` number of a cloze text as a card ordinal (N-1), ascending. */
export function clozeOrdinals(text: string): number[] {
  const numbers = new Set<number>();
  for (const match of text.matchAll(/\{\{c(\d+)::/g)) {
    const n = Number(match[1]);
    if (n >= 1) numbers.add(n - 1);
  }
  return [...numbers].sort((a, b) => a - b);
}

const isWordChar = (char: string) => /[\p{L}\p{N}]/u.test(char);

/**
 * The cloze text of a question: every whole-word occurrence of the answer in the source
 * sentence as `{{c1::…}}` (the generator blanks them all the same way), in the sentence's own
 * spelling. Braces and `::` inside are escaped so they cannot end the deletion early.
 */
export function clozeText(question: Question): string {
  const sentence = question.source.quote;
  const needle = question.answer.toLowerCase();
  const haystack = sentence.toLowerCase();
  const deletion = (text: string) =>
    `{{c1::${escapeFieldHtml(text).replace(/}}/g, "}&#125;").replace(/::/g, ":&#58;")}}}`;
  let out = "";
  let cursor = 0;
  for (
    let at = haystack.indexOf(needle);
    needle && at >= 0;
    at = haystack.indexOf(needle, at + 1)
  ) {
    const before = sentence.charAt(at - 1);
    const after = sentence.charAt(at + needle.length);
    if (at < cursor || isWordChar(before) || isWordChar(after)) continue;
    out +=
      escapeFieldHtml(sentence.slice(cursor, at)) +
      deletion(sentence.slice(at, at + needle.length));
    cursor = at + needle.length;
  }
  if (cursor > 0) return out + escapeFieldHtml(sentence.slice(cursor));
  // The answer is not in the quote as a whole word: fill the prompt's blanks instead.
  return escapeFieldHtml(question.prompt).split("_____").join(deletion(question.answer));
}

function sourceField(question: Question): string {
  return `${escapeFieldHtml(question.source.quote)} (${question.source.line})`;
}

function tagsOf(question: Question): string[] {
  return [
    ...question.tags.concepts.map((c) => ankiTag("concept", c)),
    ankiTag("aspect", question.tags.aspect),
    ankiTag("kind", question.kind),
  ];
}

function listHtml(lines: readonly string[], className = "options"): string {
  return `<ul class=${className}>${lines.map((l) => `<li>${escapeFieldHtml(l)}</li>`).join("")}</ul>`;
}

function choiceFields(question: Question, aspect: string): string[] {
  const answer =
    question.kind === "matching" && question.matching
      ? listHtml(matchingPairs(question.matching), "pairs")
      : escapeFieldHtml(question.answer);
  return [
    escapeFieldHtml(question.prompt),
    listHtml(choiceLines(question)),
    answer,
    escapeFieldHtml(question.explanation),
    sourceField(question),
    escapeFieldHtml(aspect),
  ];
}

function backOf(question: Question): string {
  const points = question.keyPoints?.length ? listHtml(question.keyPoints, "points") : "";
  return escapeFieldHtml(question.answer) + points;
}

/** The card ordinals Anki makes for these fields: templates whose question side is not empty. */
export function cardOrdinals(noteType: NoteTypeKey, fields: readonly string[]): number[] {
  const definition = NOTE_TYPES[noteType];
  if (definition.type === 1) return clozeOrdinals(fields[0] ?? "");
  return definition.templates.flatMap((template, ord) =>
    templateFields(template.qfmt).some((name) => {
      const index = definition.fields.indexOf(name);
      return index >= 0 && (fields[index] ?? "").trim() !== "";
    })
      ? [ord]
      : [],
  );
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The notes of a deck. A definition and the reverse-definition of the same fact become one
 * "Basic (and reversed)" note (two cards, one per question); a cloze question a Cloze note; the
 * kinds answered by picking (multiple choice, true/false, which concept, scenario, matching) a
 * Choice note with their options; the rest (explain, a reverse-definition alone) a Basic note.
 */
export function questionsToNotes(deck: ExportDeckInfo, questions: ExportQuestion[]): AnkiNote[] {
  const aspectTitle = new Map(deck.aspects.map((a) => [a.key, a.title]));
  const reverseByFact = new Map<string, ExportQuestion>();
  for (const entry of questions) {
    const key = entry.question.siblingKey;
    if (entry.question.kind === "reverse-definition" && !reverseByFact.has(key)) {
      reverseByFact.set(key, entry);
    }
  }
  const definitionFacts = new Set(
    questions.filter((e) => e.question.kind === "definition").map((e) => e.question.siblingKey),
  );
  const pairedReverse = new Set<string>();
  const notes: AnkiNote[] = [];
  for (const entry of questions) {
    const { question, updatedAt } = entry;
    const aspect = aspectTitle.get(question.tags.aspect) ?? question.tags.aspect;
    const base = { guid: ankiGuid(question.id), tags: tagsOf(question), mod: seconds(updatedAt) };
    let noteType: NoteTypeKey;
    let fields: string[];
    const questionOf: string[] = [question.id];
    if (question.kind === "definition") {
      const reverse = pairedReverse.has(question.siblingKey)
        ? undefined
        : reverseByFact.get(question.siblingKey);
      if (reverse) pairedReverse.add(question.siblingKey);
      noteType = "reversed";
      fields = [
        escapeFieldHtml(question.prompt),
        backOf(question),
        reverse ? escapeFieldHtml(reverse.question.prompt) : "",
        reverse ? escapeFieldHtml(reverse.question.answer) : "",
        sourceField(question),
        escapeFieldHtml(aspect),
      ];
      if (reverse) {
        questionOf.push(reverse.question.id);
        base.mod = Math.max(base.mod, seconds(reverse.updatedAt));
      }
    } else if (
      question.kind === "reverse-definition" &&
      definitionFacts.has(question.siblingKey) &&
      reverseByFact.get(question.siblingKey) === entry
    ) {
      continue; // a card of its definition's note
    } else if (question.kind === "cloze") {
      noteType = "cloze";
      fields = [clozeText(question), "", sourceField(question), escapeFieldHtml(aspect)];
    } else if (CHOICE_KINDS.has(question.kind)) {
      noteType = "choice";
      fields = choiceFields(question, aspect);
    } else {
      noteType = "basic";
      fields = [
        escapeFieldHtml(question.prompt),
        backOf(question),
        sourceField(question),
        escapeFieldHtml(aspect),
      ];
    }
    const ords = cardOrdinals(noteType, fields);
    // Cloze ordinals all come from the one question; a reversed note's from its two questions.
    const cards = ords.map((ord, i) => ({ ord, questionId: questionOf[i] ?? question.id }));
    notes.push({ ...base, noteType, fields, cards });
  }
  return notes;
}
