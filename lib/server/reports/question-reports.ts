import type { QuestionReportInput } from "@/lib/core/reports/report-schemas";
import type { Db } from "../db";
import { NotFoundError } from "../errors";
import { consumeRateLimits } from "../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { visibleDecksWhere } from "../decks/deck-access";

/**
 * Records a learner's report of a problem with a question. One report per learner and question:
 * reporting again replaces the reason and comment (and reopens a resolved report), so a double
 * click or a second opinion never makes a duplicate. Counted against the learner's and the
 * address's rate limits; an unknown or retired question is a 404 and is not counted.
 */
export async function reportQuestion(
  db: Db,
  options: {
    learnerId: string;
    address: string;
    questionId: string;
    input: QuestionReportInput;
    now: Date;
  },
): Promise<{ reportId: string }> {
  const { learnerId, questionId, input, now } = options;
  // A question of a deck the learner may not see is the same 404 as an unknown one.
  const question = await db.question.findFirst({
    where: { id: questionId, retiredAt: null, deck: visibleDecksWhere({ learnerId }) },
    select: { id: true },
  });
  if (!question) throw new NotFoundError("no such question");
  await consumeRateLimits(db, {
    checks: [
      { limit: RATE_LIMITS.questionReportsPerLearner, key: learnerId },
      { limit: RATE_LIMITS.questionReportsPerAddress, key: options.address },
    ],
    now,
  });
  const fields = { reason: input.reason, comment: input.comment ?? null, updatedAt: now };
  const report = await db.questionReport.upsert({
    where: { learnerId_questionId: { learnerId, questionId } },
    create: { learnerId, questionId, ...fields, createdAt: now },
    update: { ...fields, status: "open", resolvedAt: null },
    select: { id: true },
  });
  return { reportId: report.id };
}

/** Marks every open report of a question resolved (after fixing it); returns how many. */
export async function resolveQuestionReports(
  db: Db,
  options: { questionId: string; now: Date },
): Promise<number> {
  const { count } = await db.questionReport.updateMany({
    where: { questionId: options.questionId, status: "open" },
    data: { status: "resolved", resolvedAt: options.now },
  });
  return count;
}
