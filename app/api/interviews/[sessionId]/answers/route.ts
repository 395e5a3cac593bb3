import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { submitInterviewAnswer } from "@/lib/server/practice/interviews";
import { InterviewAnswerSchema, parseRecordId } from "@/lib/server/practice/schemas";
import { isSecureRequest } from "@/lib/server/request";

type Context = { params: Promise<{ sessionId: string }> };

/** POST /api/interviews/:id/answers — the typed answer to the open question; returns the interview. */
export async function POST(request: Request, context: Context) {
  try {
    const sessionId = parseRecordId((await context.params).sessionId, "no such interview");
    const input = await parseJsonBody(request, InterviewAnswerSchema);
    const learnerId = await requireLearnerId({ secure: await isSecureRequest() });
    const view = await submitInterviewAnswer(db, {
      learnerId,
      sessionId,
      input,
      now: new Date(),
    });
    return Response.json(view);
  } catch (error) {
    return toErrorResponse(error);
  }
}
