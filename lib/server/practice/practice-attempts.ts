import crypto from "node:crypto";
import { gradeAnswer } from "@/lib/core/deck/grade-answer";
import { SELF_GRADED_KINDS, type AspectKey, type QuestionKind } from "@/lib/core/deck/types";
import { assemblePracticeTest, type PracticeFilters } from "@/lib/core/practice/assemble-test";
import { shuffleWithSeed } from "@/lib/core/practice/random";
import { ratePracticeAnswer } from "@/lib/core/practice/score-test";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { requireVisibleDeck } from "../decks/deck-access";
import { getDeck } from "../decks/queries";
import { parseQuestionPayload } from "../decks/question-payload";
import { BadRequestError, ConflictError, DomainError, NotFoundError } from "../errors";
import { answerWindowStart, assertUnderAnswerLimit } from "../rate-limits/answer-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { consumeCreationLimits } from "./creation-limits";
import { feedStudyAnswer } from "./feed-study";
import { getPracticeAttempt } from "./practice-queries";
import type { PracticeAnswerInput, StartPracticeInput } from "./schemas";

export interface StoredFilters {
  aspects: AspectKey[];
  kinds: QuestionKind[];
  count: number;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function newSeed(): number {
  return crypto.randomInt(0, 2_147_483_647);
}

/** The attempt a retried start created already, if any. */
async function findStarted(db: Db, learnerId: string, clientId: string) {
  return db.practiceAttempt.findUnique({
    where: { learnerId_clientId: { learnerId, clientId } },
    select: { id: true },
  });
}

async function createAttempt(
  db: Db,
  data: Prisma.PracticeAttemptUncheckedCreateInput,
): Promise<{ attemptId: string; replayed: boolean }> {
  try {
    const created = await db.practiceAttempt.create({ data, select: { id: true } });
    return { attemptId: created.id, replayed: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent twin of this very start request won the race.
    const twin = await findStarted(db, data.learnerId, data.clientId);
    if (!twin) throw error;
    return { attemptId: twin.id, replayed: true };
  }
}

/** Counts a new attempt against the practice test limits (per learner, per guest address). */
function consumePracticeTestLimits(
  db: Db,
  options: { learnerId: string; address: string; now: Date },
) {
  return consumeCreationLimits(db, {
    ...options,
    perLearner: RATE_LIMITS.practiceTestsPerLearner,
    perGuestAddress: RATE_LIMITS.practiceTestsPerGuestAddress,
  });
}

/**
 * Starts a practice test: questions of one deck, filtered and drawn at random with a seed.
 * A retried start (same client id) is not counted again; a new one counts against the practice
 * test limits, once it is known to be valid.
 */
export async function startPracticeAttempt(
  db: Db,
  options: { learnerId: string; address: string; input: StartPracticeInput; now: Date },
): Promise<{ attemptId: string; replayed: boolean }> {
  const { learnerId, input, now } = options;
  const started = await findStarted(db, learnerId, input.clientId);
  if (started) return { attemptId: started.id, replayed: true };

  const deck = await getDeck(db, { learnerId }, input.deckId);
  if (!deck) throw new NotFoundError("no such deck");
  const filters: PracticeFilters = {
    deckId: input.deckId,
    aspects: input.aspects as AspectKey[],
    kinds: input.kinds,
  };
  const seed = input.seed ?? newSeed();
  const questionIds = assemblePracticeTest({
    questions: deck.questions,
    filters,
    count: input.count,
    seed,
  });
  if (questionIds.length === 0) {
    throw new DomainError(
      "no questions of this deck match the chosen aspects and kinds",
      400,
      "no_questions",
    );
  }
  const stored: StoredFilters = {
    aspects: [...filters.aspects],
    kinds: [...filters.kinds],
    count: input.count,
  };
  await consumePracticeTestLimits(db, { learnerId, address: options.address, now });
  return createAttempt(db, {
    learnerId,
    clientId: input.clientId,
    deckId: input.deckId,
    filters: JSON.stringify(stored),
    seed,
    questionIds: JSON.stringify(questionIds),
    countForReview: input.countForReview,
    startedAt: now,
  });
}

/** A new attempt asking exactly the questions a finished attempt got wrong, in a new order. */
export async function retryMissedQuestions(
  db: Db,
  options: { learnerId: string; address: string; attemptId: string; clientId: string; now: Date },
): Promise<{ attemptId: string; replayed: boolean }> {
  const { learnerId, clientId, now } = options;
  const started = await findStarted(db, learnerId, clientId);
  if (started) return { attemptId: started.id, replayed: true };

  const attempt = await getPracticeAttempt(db, {
    learnerId,
    attemptId: options.attemptId,
  });
  if (!attempt.finishedAt) throw new ConflictError("finish this test first", "not_finished");
  const missed = attempt.score.missedQuestionIds;
  if (missed.length === 0) throw new ConflictError("no missed questions to retry", "none_missed");
  // A new test needs a deck the learner still sees: not one deleted or unshared since.
  await requireVisibleDeck(db, { learnerId }, attempt.deck.id);
  await consumePracticeTestLimits(db, { learnerId, address: options.address, now });
  const seed = newSeed();
  return createAttempt(db, {
    learnerId,
    clientId,
    deckId: attempt.deck.id,
    filters: JSON.stringify(attempt.filters),
    seed,
    questionIds: JSON.stringify(shuffleWithSeed(missed, seed)),
    countForReview: attempt.countForReview,
    retryOfId: attempt.id,
    startedAt: now,
  });
}

export interface PracticeAnswerResult {
  questionId: string;
  correct: boolean;
  selfGraded: boolean;
  /** True once every question of the attempt has its answer. */
  finished: boolean;
  /** True when this question had been answered before: the first answer stands. */
  replayed: boolean;
}

/**
 * Records one answer of a practice test, once per question: a retried submit (or a second tab)
 * gets the answer that was stored first. The server grades; for self-graded kinds the
 * learner's own verdict is the grade. The last answer finishes the attempt.
 */
export async function submitPracticeAnswer(
  db: Db,
  options: { learnerId: string; attemptId: string; input: PracticeAnswerInput; now: Date },
): Promise<PracticeAnswerResult> {
  const { learnerId, attemptId, input, now } = options;
  const limit = RATE_LIMITS.practiceAnswersPerLearner;
  const since = answerWindowStart(limit, now);
  const [attempt, blocking] = await Promise.all([
    db.practiceAttempt.findFirst({
      where: { id: attemptId, learnerId },
      select: { id: true, questionIds: true, countForReview: true },
    }),
    // An answer inside the window belongs to an attempt not finished before the window began.
    db.practiceAnswer.findFirst({
      where: {
        answeredAt: { gt: since },
        attempt: { learnerId, OR: [{ finishedAt: null }, { finishedAt: { gt: since } }] },
      },
      orderBy: { answeredAt: "desc" },
      skip: limit.max - 1,
      select: { answeredAt: true },
    }),
  ]);
  if (!attempt) throw new NotFoundError("no such practice test");
  const questionIds = JSON.parse(attempt.questionIds) as string[];
  const position = questionIds.indexOf(input.questionId);
  if (position < 0) throw new BadRequestError("this question is not part of the test");

  let stored = await db.practiceAnswer.findUnique({
    where: { attemptId_questionId: { attemptId, questionId: input.questionId } },
  });
  let replayed = stored !== null;
  if (!stored) {
    const row = await db.question.findUnique({
      where: { id: input.questionId },
      select: { payload: true },
    });
    if (!row) throw new NotFoundError("no such question");
    const question = parseQuestionPayload(row.payload);
    const selfGraded = SELF_GRADED_KINDS.includes(question.kind);
    if (selfGraded && input.knewIt === undefined) {
      throw new BadRequestError("say whether you knew the answer (knewIt)");
    }
    const correct = selfGraded
      ? input.knewIt === true
      : gradeAnswer(question, input.answer).correct;
    // Only a new answer counts; a replay of a stored one (above) is answered even at the limit.
    assertUnderAnswerLimit(limit, blocking?.answeredAt, now);
    try {
      stored = await db.practiceAnswer.create({
        data: {
          attemptId,
          questionId: input.questionId,
          position,
          clientAnswerId: input.clientAnswerId,
          answer: JSON.stringify(input.answer),
          correct,
          selfGraded,
          durationMs: input.durationMs,
          answeredAt: now,
        },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      stored = await db.practiceAnswer.findUnique({
        where: { attemptId_questionId: { attemptId, questionId: input.questionId } },
      });
      // The same client answer id for another question is a forged or broken request.
      if (!stored) throw new ConflictError("this answer id was used for another question");
      replayed = true;
    }
  }

  const answered = await db.practiceAnswer.count({ where: { attemptId } });
  const finished = answered >= questionIds.length;
  if (finished) {
    await db.practiceAttempt.updateMany({
      where: { id: attemptId, finishedAt: null },
      data: { finishedAt: now },
    });
  }
  if (attempt.countForReview) {
    // Also on a replay: a retry completes a feed that failed after the answer was stored.
    const question = await db.question.findUnique({
      where: { id: stored.questionId },
      select: { kind: true },
    });
    if (question) {
      await feedStudyAnswer(db, {
        learnerId,
        questionId: stored.questionId,
        clientAnswerId: stored.clientAnswerId,
        answer: JSON.parse(stored.answer),
        rating: ratePracticeAnswer({
          kind: question.kind as QuestionKind,
          correct: stored.correct,
          durationMs: stored.durationMs,
        }),
        durationMs: stored.durationMs,
        now,
      });
    }
  }
  return {
    questionId: stored.questionId,
    correct: stored.correct,
    selfGraded: stored.selfGraded,
    finished,
    replayed,
  };
}
