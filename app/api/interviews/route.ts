import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { requireLearnerId } from "@/lib/server/learners";
import { startInterview } from "@/lib/server/practice/interviews";
import { StartInterviewSchema } from "@/lib/server/practice/schemas";
import { clientAddress, isSecureRequest } from "@/lib/server/request";

/** POST /api/interviews — starts a mock interview, once per client id. */
export async function POST(request: Request) {
  try {
    const input = await parseJsonBody(request, StartInterviewSchema);
    const learnerId = await requireLearnerId({ secure: await isSecureRequest() });
    const result = await startInterview(db, {
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
