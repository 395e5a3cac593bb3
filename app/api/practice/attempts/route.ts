import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { startPracticeAttempt } from "@/lib/server/practice/practice-attempts";
import { StartPracticeSchema } from "@/lib/server/practice/schemas";
import { clientAddress, isSecureRequest } from "@/lib/server/request";

/** POST /api/practice/attempts — starts a practice test, once per client id. */
export async function POST(request: Request) {
  try {
    const input = await parseJsonBody(request, StartPracticeSchema);
    const learnerId = await requireLearnerId({ secure: await isSecureRequest() });
    const result = await startPracticeAttempt(db, {
      learnerId,
      address: clientAddress(request.headers),
      input,
      now: new Date(),
    });
    return Response.json(result, { status: result.replayed ? 200 : 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
