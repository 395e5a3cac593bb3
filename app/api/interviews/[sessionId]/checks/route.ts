import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { checkInterviewAnswer } from "@/lib/server/practice/interviews";
import { InterviewCheckSchema, parseRecordId } from "@/lib/server/practice/schemas";
import { isSecureRequest } from "@/lib/server/request";

type Context = { params: Promise<{ sessionId: string }> };

/** POST /api/interviews/:id/checks — the key points covered; opens the next question. */
export async function POST(request: Request, context: Context) {
  try {
    const sessionId = parseRecordId((await context.params).sessionId, "no such interview");
    const input = await parseJsonBody(request, InterviewCheckSchema);
    const learnerId = await requireLearnerId({ secure: await isSecureRequest() });
    const view = await checkInterviewAnswer(db, {
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
