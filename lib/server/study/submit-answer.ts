import crypto from "node:crypto";
import { gradeAnswer } from "@/lib/core/deck";
import { SELF_GRADED_KINDS } from "@/lib/core/deck/types";
import type { RateLimit } from "@/lib/core/rate-limits/rate-limit";
import { applyRating, newCardState } from "@/lib/core/study";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { answerWindowStart, assertUnderAnswerLimit } from "../rate-limits/answer-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { parseStoredSettings } from "./learner-settings";
import { visibleDeckSql } from "../decks/deck-access";
import { parseQuestionPayload } from "../decks/question-payload";
import { querySql, transactSql, UniqueViolationError, type SqlRow } from "../driver-sql";
import { CARD_STATE_SQL, cardStateColumns, cardStateFromSql, reviewLogColumns } from "./card-rows";
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

/** The learner's settings, the question (when visible and live) and the card, in one row. */
interface SubmitReadRow {
  settings: string | null;
  timeZone: string;
  fsrsParameters: string | null;
  payload: string | null;
  siblingKey: string | null;
  cardId: string | null;
  version: unknown;
  /** When the answers of the limit's window are at its max: the oldest that still counts. */
  blockingAt: unknown;
}

/**
 * Everything an answer needs, in one statement (lib/server/driver-sql.ts): no row when the
 * learner does not exist; null question columns when the question is retired or in a deck the
 * learner may not see; null card columns before the first answer.
 */
async function readForAnswer(
  db: Db,
  options: { learnerId: string; questionId: string; limit: RateLimit | null; now: Date },
): Promise<(SubmitReadRow & SqlRow) | null> {
  const { learnerId, questionId, limit, now } = options;
  const blocking = limit
    ? Prisma.sql`(SELECT r."reviewedAt" FROM "ReviewLog" r
        WHERE r."learnerId" = l."id" AND r."reviewedAt" > ${answerWindowStart(limit, now)}
        ORDER BY r."reviewedAt" DESC LIMIT 1 OFFSET ${limit.max - 1})`
    : Prisma.sql`NULL`;
  const rows = await querySql(
    db,
    Prisma.sql`SELECT l."settings", l."timeZone", l."fsrsParameters", q."payload", q."siblingKey",
      c."id" AS "cardId", ${CARD_STATE_SQL}, c."version", ${blocking} AS "blockingAt"
    FROM "Learner" l
    LEFT JOIN "Question" q ON q."id" = ${questionId} AND q."retiredAt" IS NULL
      AND EXISTS (SELECT 1 FROM "Deck" d WHERE d."id" = q."deckId" AND ${visibleDeckSql({ learnerId })})
    LEFT JOIN "Card" c ON c."learnerId" = l."id" AND c."questionId" = ${questionId}
    WHERE l."id" = ${learnerId}`,
  );
  return (rows[0] as (SubmitReadRow & SqlRow) | undefined) ?? null;
}

/**
 * Applies one answer exactly once: a retry with the same client answer id gets the stored
 * result; an answer to a card that changed since it was shown (another tab) is refused.
 * One read (learner, question, card, the limit's window), then one transaction writing card
 * and log, both hand-written (docs/decisions/010). The write re-checks the card version, so
 * nothing needs to stay locked between the read and the write.
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
  const row = await readForAnswer(db, { learnerId, questionId: input.questionId, limit, now });
  if (!row) throw new NotFoundError("no such learner");
  if (row.payload === null || row.siblingKey === null) throw new NotFoundError("no such question");
  if (limit && row.blockingAt !== null) {
    // A retry of an answer stored before adds nothing: it gets its result even at the limit.
    const replay = await findReplay(db, learnerId, input.clientAnswerId);
    if (replay) return replay;
    assertUnderAnswerLimit(limit, new Date(row.blockingAt as string | Date), now);
  }
  const question = parseQuestionPayload(row.payload);
  const selfGraded = SELF_GRADED_KINDS.includes(question.kind);
  const correct = selfGraded ? null : gradeAnswer(question, input.answer).correct;
  const settings = parseStoredSettings(row.settings, row.timeZone, row.fsrsParameters);
  const card = row.cardId === null ? null : { id: row.cardId, version: Number(row.version) };

  try {
    if ((card?.version ?? null) !== input.cardVersion) throw new StaleCardError();
    const before = card ? cardStateFromSql(row) : newCardState(now);
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
    const state = cardStateColumns(rated.card);
    const log = reviewLogColumns(rated.log);
    const siblingKey = row.siblingKey;
    await transactSql(db, async (sql) => {
      let cardId: string;
      if (card) {
        // Changes no row when another answer bumped the version in the meantime.
        const changed = await sql.execute(Prisma.sql`UPDATE "Card" SET "due" = ${state.due},
          "stability" = ${state.stability}, "difficulty" = ${state.difficulty},
          "elapsedDays" = ${state.elapsedDays}, "scheduledDays" = ${state.scheduledDays},
          "learningSteps" = ${state.learningSteps}, "reps" = ${state.reps},
          "lapses" = ${state.lapses}, "state" = ${state.state}, "lastReview" = ${state.lastReview},
          "version" = ${version}, "updatedAt" = ${now}
          WHERE "id" = ${card.id} AND "version" = ${card.version}`);
        if (changed === 0) throw new StaleCardError();
        cardId = card.id;
      } else {
        // A twin creating the same card first makes this fail on (learnerId, questionId).
        cardId = crypto.randomUUID();
        await sql.execute(Prisma.sql`INSERT INTO "Card" ("id", "learnerId", "questionId", "due",
          "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps",
          "lapses", "state", "lastReview", "suspended", "version", "createdAt", "updatedAt")
          VALUES (${cardId}, ${learnerId}, ${input.questionId}, ${state.due}, ${state.stability},
          ${state.difficulty}, ${state.elapsedDays}, ${state.scheduledDays},
          ${state.learningSteps}, ${state.reps}, ${state.lapses}, ${state.state},
          ${state.lastReview}, ${false}, ${version}, ${now}, ${now})`);
      }
      await sql.execute(Prisma.sql`INSERT INTO "ReviewLog" ("id", "learnerId", "cardId",
        "questionId", "clientAnswerId", "siblingKey", "rating", "state", "due", "stability",
        "difficulty", "elapsedDays", "lastElapsedDays", "scheduledDays", "learningSteps",
        "previousDue", "reviewedAt", "durationMs", "answer", "correct", "response")
        VALUES (${crypto.randomUUID()}, ${learnerId}, ${cardId}, ${input.questionId},
        ${input.clientAnswerId}, ${siblingKey}, ${log.rating}, ${log.state}, ${log.due},
        ${log.stability}, ${log.difficulty}, ${log.elapsedDays}, ${log.lastElapsedDays},
        ${log.scheduledDays}, ${log.learningSteps}, ${log.previousDue}, ${log.reviewedAt},
        ${input.durationMs}, ${JSON.stringify(input.answer)}, ${correct},
        ${JSON.stringify(result)})`);
    });
    return result;
  } catch (error) {
    const isRace = error instanceof StaleCardError || error instanceof UniqueViolationError;
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
