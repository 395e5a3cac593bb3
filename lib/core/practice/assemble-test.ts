import type { AspectKey, Question, QuestionKind } from "@/lib/core/deck/types";
import { shuffleWithSeed } from "./random";

/** How many questions a practice test may ask. */
export const PRACTICE_COUNT = { min: 5, max: 50, default: 10 } as const;

export interface PracticeFilters {
  deckId: string;
  /** The aspects to draw from; empty means every aspect. */
  aspects: readonly AspectKey[];
  /** The question kinds to draw from; empty means every kind. */
  kinds: readonly QuestionKind[];
}

/** The questions of one deck that match the chosen aspects and kinds, each once. */
export function filterPracticeQuestions(
  questions: readonly Question[],
  filters: PracticeFilters,
): Question[] {
  const aspects = new Set<string>(filters.aspects);
  const kinds = new Set<string>(filters.kinds);
  const seen = new Set<string>();
  return questions.filter((question) => {
    const keep =
      question.deckId === filters.deckId &&
      (aspects.size === 0 || aspects.has(question.tags.aspect)) &&
      (kinds.size === 0 || kinds.has(question.kind)) &&
      !seen.has(question.id);
    if (keep) seen.add(question.id);
    return keep;
  });
}

/**
 * Draws up to `count` matching questions at random, never the same question twice. The same
 * questions, filters and seed always give the same test, whatever order the questions come in.
 */
export function assemblePracticeTest(input: {
  questions: readonly Question[];
  filters: PracticeFilters;
  count: number;
  seed: number;
}): string[] {
  const ids = filterPracticeQuestions(input.questions, input.filters)
    .map((question) => question.id)
    .sort();
  return shuffleWithSeed(ids, input.seed).slice(0, Math.max(0, Math.floor(input.count)));
}
