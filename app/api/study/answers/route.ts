import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { isSecureRequest } from "@/lib/server/request";
import { SubmitAnswerSchema } from "@/lib/server/study/schemas";
import { submitAnswer } from "@/lib/server/study/submit-answer";

/** POST /api/study/answers — records one answer, exactly once per clientAnswerId. */
export async function POST(request: Request) {
  try {
    const input = await parseJsonBody(request, SubmitAnswerSchema);
    const learnerId = await requireLearnerId({
      timeZone: input.timeZone,
      secure: await isSecureRequest(),
    });
    const result = await submitAnswer(db, { learnerId, input, now: new Date() });
    return Response.json(result, { status: result.replayed ? 200 : 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
