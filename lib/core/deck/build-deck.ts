import { documentIssue, DocumentError } from "./document-error";
import { generateQuestions, type DroppedQuestion } from "./generate-questions";
import { parseComparisonDocument, type ParseDocumentOptions } from "./parse-document";
import type { AspectKey, ComparisonDocument, DeckSummary, Question, QuestionKind } from "./types";

export interface BuiltDeck {
  document: ComparisonDocument;
  summary: DeckSummary;
  questions: Question[];
  /** Questions the quality gate kept back, with the rules they broke. */
  dropped: DroppedQuestion[];
}

export function summarizeDeck(
  document: ComparisonDocument,
  questions: readonly Question[],
): DeckSummary {
  const aspects = new Map<AspectKey, string>();
  for (const node of [...document.facts, ...document.differences]) {
    if (!aspects.has(node.aspect)) aspects.set(node.aspect, node.aspectTitle);
  }
  const countsByKind: Partial<Record<QuestionKind, number>> = {};
  for (const question of questions) {
    countsByKind[question.kind] = (countsByKind[question.kind] ?? 0) + 1;
  }
  return {
    id: document.id,
    title: document.title,
    language: document.language,
    concepts: document.concepts.map((concept) => ({ key: concept.key, name: concept.name })),
    aspects: [...aspects].map(([key, title]) => ({ key, title })),
    countsByKind,
    ...(document.setAside?.length ? { setAside: document.setAside } : {}),
  };
}

/** Parses a comparison document and generates its questions. Throws only DocumentError. */
export function buildDeck(markdown: string, options: ParseDocumentOptions): BuiltDeck {
  const document = parseComparisonDocument(markdown, options);
  let generated: { questions: Question[]; dropped: DroppedQuestion[] };
  try {
    generated = generateQuestions(document);
  } catch (error) {
    // A generator bug must not take the caller down with a stray TypeError.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentError("internal", [documentIssue("generator-failure", { reason })]);
  }
  const { questions, dropped } = generated;
  return { document, summary: summarizeDeck(document, questions), questions, dropped };
}
