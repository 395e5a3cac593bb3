import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { retryMissedQuestions } from "@/lib/server/practice/practice-attempts";
import { parseRecordId, RetryPracticeSchema } from "@/lib/server/practice/schemas";
import { clientAddress, isSecureRequest } from "@/lib/server/request";

type Context = { params: Promise<{ attemptId: string }> };

/** POST /api/practice/attempts/:id/retry — a new test of exactly the questions missed in :id. */
export async function POST(request: Request, context: Context) {
  try {
    const attemptId = parseRecordId((await context.params).attemptId, "no such practice test");
    const input = await parseJsonBody(request, RetryPracticeSchema);
    const learnerId = await requireLearnerId({ secure: await isSecureRequest() });
    const result = await retryMissedQuestions(db, {
      learnerId,
      address: clientAddress(request.headers),
      attemptId,
      clientId: input.clientId,
      now: new Date(),
    });
    return Response.json(result, { status: result.replayed ? 200 : 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
