import { RECALLED_MIN_RATING } from "@/lib/core/stats/retention";

/** A miss is an answer not recalled (Again), the complement of /stats's mastery. */
export const MISSED_MAX_RATING = RECALLED_MIN_RATING - 1;

/**
 * The class's review answers to one question: `COUNT(*)`, `SUM(CASE WHEN rating <=
 * MISSED_MAX_RATING THEN 1 ELSE 0 END)` and `COUNT(DISTINCT learnerId)`, grouped by question,
 * over the class's students.
 */
export interface QuestionMissCount {
  questionId: string;
  answers: number;
  misses: number;
  learners: number;
}

export interface MissedQuestion extends QuestionMissCount {
  /** misses / answers. */
  missRate: number;
}

/**
 * A question is ranked only with enough evidence: at least this many answers, from at least
 * this many students, so one student pressing Again ten times is not "the class".
 */
export const MISSED_QUESTION_SAMPLE = { minAnswers: 5, minLearners: 2, limit: 10 } as const;

/**
 * The questions the class misses most: highest miss rate first (compared exactly), then more
 * misses, then more students, then by question id, so equal rows always come in one order.
 * Questions never missed are not listed.
 */
export function rankMissedQuestions(
  rows: readonly QuestionMissCount[],
  options: { minAnswers?: number; minLearners?: number; limit?: number } = {},
): MissedQuestion[] {
  const minAnswers = options.minAnswers ?? MISSED_QUESTION_SAMPLE.minAnswers;
  const minLearners = options.minLearners ?? MISSED_QUESTION_SAMPLE.minLearners;
  const limit = options.limit ?? MISSED_QUESTION_SAMPLE.limit;
  return rows
    .filter(
      (row) =>
        row.misses > 0 && row.answers >= Math.max(1, minAnswers) && row.learners >= minLearners,
    )
    .sort(
      (a, b) =>
        b.misses * a.answers - a.misses * b.answers ||
        b.misses - a.misses ||
        b.learners - a.learners ||
        (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0),
    )
    .slice(0, Math.max(0, limit))
    .map((row) => ({ ...row, missRate: row.misses / row.answers }));
}
