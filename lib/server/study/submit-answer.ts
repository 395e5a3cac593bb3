import { gradeAnswer } from "@/lib/core/deck";
import { SELF_GRADED_KINDS } from "@/lib/core/deck/types";
import type { RateLimit } from "@/lib/core/rate-limits/rate-limit";
import { applyRating, newCardState } from "@/lib/core/study";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { answerWindowStart, assertUnderAnswerLimit } from "../rate-limits/answer-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { LEARNER_SETTINGS_SELECT, parseStoredSettings } from "./learner-settings";
import { visibleDecksWhere } from "../decks/deck-access";
import { parseQuestionPayload } from "../decks/question-payload";
import { cardStateColumns, reviewLogColumns, toCardState } from "./card-rows";
import type { SubmitAnswerInput } from "./schemas";

export interface SubmitAnswerResult {
  clientAnswerId: string;
  questionId: string;
  correct: boolean | null;
  rating: number;
  due: string;
  cardVersion: number;
  /** True when this is the stored result of an earlier identical submit. */
  replayed: boolean;
}

class StaleCardError extends Error {}

async function findReplay(db: Db, learnerId: string, clientAnswerId: string) {
  const log = await db.reviewLog.findUnique({
    where: { learnerId_clientAnswerId: { learnerId, clientAnswerId } },
    select: { response: true },
  });
  return log ? ({ ...JSON.parse(log.response), replayed: true } as SubmitAnswerResult) : null;
}

/**
 * When the learner's answers of the limit's window are at its max: the oldest that still counts
 * (it frees a place when it leaves the window); else null. Raw SQL because it runs on every
 * submit: Prisma builds a query plan per call, which costs several times this indexed read.
 */
async function findBlockingAnswer(
  db: Db,
  options: { learnerId: string; limit: RateLimit; now: Date },
): Promise<Date | null> {
  const { learnerId, limit, now } = options;
  const rows = await db.$queryRaw<{ reviewedAt: Date | string }[]>`
    SELECT "reviewedAt" FROM "ReviewLog"
    WHERE "learnerId" = ${learnerId} AND "reviewedAt" > ${answerWindowStart(limit, now)}
    ORDER BY "reviewedAt" DESC LIMIT 1 OFFSET ${limit.max - 1}`;
  return rows[0] ? new Date(rows[0].reviewedAt) : null;
}

/**
 * Applies one answer exactly once: a retry with the same client answer id gets the stored
 * result; an answer to a card that changed since it was shown (another tab) is refused.
 * Reads, all at once: the question, the learner's settings with its card for it, and the
 * learner's answers in the limit's window; then one nested write of card and log (Prisma runs
 * it as one transaction). The write itself re-checks the card version, so nothing needs to stay
 * locked between the read and the write.
 *
 * `answerLimit`: the study answers per learner limit by default; answers fed from a practice test
 * or an interview pass null, as their own answer limit counted them already.
 */
export async function submitAnswer(
  db: Db,
  options: {
    learnerId: string;
    input: SubmitAnswerInput;
    now: Date;
    answerLimit?: RateLimit | null;
  },
): Promise<SubmitAnswerResult> {
  const { learnerId, input, now } = options;
  const limit =
    options.answerLimit === undefined ? RATE_LIMITS.studyAnswersPerLearner : options.answerLimit;
  // No replay lookup up front: a repeated submit always fails the version check or the unique
  // client answer id below, and is answered from the stored result there.
  const [questionRow, learner, blocking] = await Promise.all([
    db.question.findFirst({
      where: {
        id: input.questionId,
        retiredAt: null,
        deck: visibleDecksWhere({ learnerId }),
      },
      select: { payload: true, siblingKey: true },
    }),
    db.learner.findUnique({
      where: { id: learnerId },
      select: {
        ...LEARNER_SETTINGS_SELECT,
        cards: { where: { questionId: input.questionId }, take: 1 },
      },
    }),
    limit ? findBlockingAnswer(db, { learnerId, limit, now }) : null,
  ]);
  if (!questionRow) throw new NotFoundError("no such question");
  if (!learner) throw new NotFoundError("no such learner");
  if (limit && blocking) {
    // A retry of an answer stored before adds nothing: it gets its result even at the limit.
    const replay = await findReplay(db, learnerId, input.clientAnswerId);
    if (replay) return replay;
    assertUnderAnswerLimit(limit, blocking, now);
  }
  const question = parseQuestionPayload(questionRow.payload);
  const selfGraded = SELF_GRADED_KINDS.includes(question.kind);
  const correct = selfGraded ? null : gradeAnswer(question, input.answer).correct;
  const settings = parseStoredSettings(learner.settings, learner.timeZone, learner.fsrsParameters);
  const card = learner.cards[0] ?? null;

  try {
    if ((card?.version ?? null) !== input.cardVersion) throw new StaleCardError();
    const before = card ? toCardState(card) : newCardState(now);
    const rated = applyRating(before, input.rating, settings, now);
    const version = (card?.version ?? -1) + 1;
    const result: SubmitAnswerResult = {
      clientAnswerId: input.clientAnswerId,
      questionId: input.questionId,
      correct,
      rating: input.rating,
      due: rated.card.due.toISOString(),
      cardVersion: version,
      replayed: false,
    };
    const log = {
      learnerId,
      questionId: input.questionId,
      clientAnswerId: input.clientAnswerId,
      siblingKey: questionRow.siblingKey,
      ...reviewLogColumns(rated.log),
      durationMs: input.durationMs,
      answer: JSON.stringify(input.answer),
      correct,
      response: JSON.stringify(result),
    };
    if (card) {
      // Matches no row (P2025) when another answer bumped the version in the meantime.
      await db.card.update({
        where: { id: card.id, version: card.version },
        data: { ...cardStateColumns(rated.card), version, reviews: { create: log } },
        select: { id: true },
      });
    } else {
      // A twin creating the same card first makes this fail on (learnerId, questionId): P2002.
      await db.card.create({
        data: {
          learnerId,
          questionId: input.questionId,
          ...cardStateColumns(rated.card),
          version,
          reviews: { create: log },
        },
        select: { id: true },
      });
    }
    return result;
  } catch (error) {
    const isRace =
      error instanceof StaleCardError ||
      (error instanceof Prisma.PrismaClientKnownRequestError &&
        (error.code === "P2002" || error.code === "P2025"));
    if (!isRace) throw error;
    // This very answer was applied before (a retry) or by a concurrent twin: replay its result.
    const twin = await findReplay(db, learnerId, input.clientAnswerId);
    if (twin) return twin;
    throw new ConflictError(
      "this card was already answered (in another tab?); load the next card",
      "already_answered",
    );
  }
}
