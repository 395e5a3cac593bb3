import type { AspectKey, Language, MatchingPairs, Question } from "@/lib/core/deck/types";

/** What an export needs to know of the deck besides its questions. */
export interface ExportDeckInfo {
  id: string;
  title: string;
  language: Language;
  aspects: { key: AspectKey; title: string }[];
}

/** A question with the time it last changed (Anki updates notes that are newer). */
export interface ExportQuestion {
  question: Question;
  updatedAt: Date;
}

/** The options of a picking question as lines: "a) text", matching as its two columns. */
export function choiceLines(question: Question): string[] {
  if (question.matching) {
    return [
      ...question.matching.left.map((o) => `${o.id}) ${o.text}`),
      ...question.matching.right.map((o) => `${o.id}) ${o.text}`),
    ];
  }
  return (question.options ?? []).map((o) => `${o.id}) ${o.text}`);
}

/** The right pairs of a matching question, "left → right", in the left column's order. */
export function matchingPairs(matching: MatchingPairs): string[] {
  const right = new Map(matching.right.map((o) => [o.id, o.text]));
  return matching.left.map((o) => `${o.text} → ${right.get(matching.solution[o.id] ?? "") ?? ""}`);
}

/**
 * Any question as a term and a definition (plain text, may hold line breaks), for the formats
 * that have two sides only: the options go with the term, the right one (or the right pairs of
 * a matching question, or an explanation's key points) with the definition.
 */
export function termAndDefinition(question: Question): { term: string; definition: string } {
  const lines = choiceLines(question);
  const term = lines.length ? `${question.prompt}\n${lines.join("\n")}` : question.prompt;
  let definition = question.answer;
  if (question.kind === "matching" && question.matching) {
    definition = matchingPairs(question.matching).join("\n");
  } else if (question.keyPoints?.length) {
    definition = `${question.answer}\n${question.keyPoints.map((p) => `• ${p}`).join("\n")}`;
  }
  return { term, definition };
}
