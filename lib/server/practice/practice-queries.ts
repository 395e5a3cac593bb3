import type { AnswerInput, Question } from "@/lib/core/deck/types";
import { scorePracticeTest, type PracticeScore } from "@/lib/core/practice/score-test";
import type { Db } from "../db";
import { parseQuestionPayload } from "../decks/question-payload";
import { NotFoundError } from "../errors";
import type { StoredFilters } from "./practice-attempts";
import { RecordIdSchema } from "./schemas";
import { deckHeading, type DeckHeading } from "../decks/deck-summary";

export interface PracticeAnswerView {
  questionId: string;
  answer: AnswerInput;
  correct: boolean;
  selfGraded: boolean;
  durationMs: number;
}

export interface PracticeAttemptView {
  id: string;
  deck: DeckHeading;
  filters: StoredFilters;
  seed: number;
  countForReview: boolean;
  retryOfId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** In the order asked. */
  questions: Question[];
  answers: PracticeAnswerView[];
  score: PracticeScore;
}

/**
 * One practice test of this learner, with its questions, answers and score. Another learner's
 * attempt (or a malformed id) is "not found": its existence is not revealed.
 */
export async function getPracticeAttempt(
  db: Db,
  options: { learnerId: string | null; attemptId: string },
): Promise<PracticeAttemptView> {
  const id = RecordIdSchema.safeParse(options.attemptId);
  if (!options.learnerId || !id.success) throw new NotFoundError("no such practice test");
  const attempt = await db.practiceAttempt.findFirst({
    where: { id: id.data, learnerId: options.learnerId },
    include: {
      deck: { select: { summary: true } },
      answers: { orderBy: { position: "asc" } },
    },
  });
  if (!attempt) throw new NotFoundError("no such practice test");
  const questionIds = JSON.parse(attempt.questionIds) as string[];
  // Retired questions too: a test shows what was asked even after the deck changed.
  const rows = await db.question.findMany({
    where: { id: { in: questionIds } },
    select: { id: true, payload: true },
  });
  const byId = new Map(rows.map((row) => [row.id, parseQuestionPayload(row.payload)]));
  const questions = questionIds.flatMap((questionId) => byId.get(questionId) ?? []);
  const answers = attempt.answers.map((answer) => ({
    questionId: answer.questionId,
    answer: JSON.parse(answer.answer) as AnswerInput,
    correct: answer.correct,
    selfGraded: answer.selfGraded,
    durationMs: answer.durationMs,
  }));
  return {
    id: attempt.id,
    deck: deckHeading(attempt.deck.summary),
    filters: JSON.parse(attempt.filters) as StoredFilters,
    seed: attempt.seed,
    countForReview: attempt.countForReview,
    retryOfId: attempt.retryOfId,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt,
    questions,
    answers,
    score: scorePracticeTest(questions, answers),
  };
}

export interface PracticeHistoryItem {
  id: string;
  deckTitle: string;
  startedAt: Date;
  finishedAt: Date | null;
  total: number;
  answered: number;
  correct: number;
  isRetry: boolean;
}

/** The learner's practice tests, newest first. */
export async function listPracticeAttempts(
  db: Db,
  options: { learnerId: string | null; limit?: number },
): Promise<PracticeHistoryItem[]> {
  if (!options.learnerId) return [];
  const attempts = await db.practiceAttempt.findMany({
    where: { learnerId: options.learnerId },
    orderBy: { startedAt: "desc" },
    take: options.limit ?? 100,
    select: {
      id: true,
      startedAt: true,
      finishedAt: true,
      questionIds: true,
      retryOfId: true,
      deck: { select: { title: true } },
      _count: { select: { answers: true } },
      answers: { where: { correct: true }, select: { id: true } },
    },
  });
  return attempts.map((attempt) => ({
    id: attempt.id,
    deckTitle: attempt.deck.title,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt,
    total: (JSON.parse(attempt.questionIds) as string[]).length,
    answered: attempt._count.answers,
    correct: attempt.answers.length,
    isRetry: attempt.retryOfId !== null,
  }));
}
