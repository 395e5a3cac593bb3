import { ReportReasonSchema } from "@/lib/core/reports/report-schemas";
import { summarizeReports, type ReportedQuestion } from "@/lib/core/reports/summarize-reports";
import type { Db } from "../db";
import { parseQuestionPayload } from "../decks/question-payload";

/** Open reports, one line per reported question (see summarizeReports), of one deck or all. */
export async function listOpenReports(
  db: Db,
  options: { deckId?: string } = {},
): Promise<ReportedQuestion[]> {
  const rows = await db.questionReport.findMany({
    where: {
      status: "open",
      ...(options.deckId ? { question: { deckId: options.deckId } } : {}),
    },
    select: {
      reason: true,
      comment: true,
      updatedAt: true,
      question: { select: { id: true, deckId: true, kind: true, payload: true } },
    },
  });
  return summarizeReports(
    rows.map((row) => ({
      deckId: row.question.deckId,
      questionId: row.question.id,
      kind: row.question.kind,
      prompt: parseQuestionPayload(row.question.payload).prompt,
      reason: ReportReasonSchema.parse(row.reason),
      comment: row.comment,
      updatedAt: row.updatedAt,
    })),
  );
}
