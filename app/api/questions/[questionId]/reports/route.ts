import { QuestionReportSchema } from "@/lib/core/reports/report-schemas";
import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { parseRecordId } from "@/lib/server/practice/schemas";
import { reportQuestion } from "@/lib/server/reports/question-reports";
import { clientAddress, isSecureRequest } from "@/lib/server/request";

type Context = { params: Promise<{ questionId: string }> };

/** A reason and a ~1000-character comment fit well within this. */
const MAX_BODY_BYTES = 8 * 1024;

/**
 * POST /api/questions/:id/reports — `{reason, comment?}`: reports a problem with a question.
 * Like a study answer, it needs no account: a first-time visitor becomes a guest.
 */
export async function POST(request: Request, context: Context) {
  try {
    const questionId = parseRecordId((await context.params).questionId, "no such question");
    const input = await parseJsonBody(request, QuestionReportSchema, { maxBytes: MAX_BODY_BYTES });
    const learnerId = await requireLearnerId({ secure: await isSecureRequest() });
    const result = await reportQuestion(db, {
      learnerId,
      address: clientAddress(request.headers),
      questionId,
      input,
      now: new Date(),
    });
    return Response.json(result);
  } catch (error) {
    return toErrorResponse(error);
  }
}
