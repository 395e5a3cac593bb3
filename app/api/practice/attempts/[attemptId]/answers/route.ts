import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { submitPracticeAnswer } from "@/lib/server/practice/practice-attempts";
import { PracticeAnswerSchema, parseRecordId } from "@/lib/server/practice/schemas";
import { isSecureRequest } from "@/lib/server/request";

type Context = { params: Promise<{ attemptId: string }> };

/** POST /api/practice/attempts/:id/answers — one answer, graded; the first one per question stands. */
export async function POST(request: Request, context: Context) {
  try {
    const attemptId = parseRecordId((await context.params).attemptId, "no such practice test");
    const input = await parseJsonBody(request, PracticeAnswerSchema);
    const learnerId = await requireLearnerId({
      timeZone: input.timeZone,
      secure: await isSecureRequest(),
    });
    const result = await submitPracticeAnswer(db, {
      learnerId,
      attemptId,
      input,
      now: new Date(),
    });
    return Response.json(result, { status: result.replayed ? 200 : 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
