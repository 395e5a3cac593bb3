import { db } from "@/lib/server/db";
import { ForbiddenError } from "@/lib/server/errors";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { getLearnerId } from "@/lib/server/learners";
import { UndoAnswerSchema } from "@/lib/server/study/schemas";
import { undoAnswer } from "@/lib/server/study/undo-answer";

/** POST /api/study/undo — takes back the learner's most recent answer. */
export async function POST(request: Request) {
  try {
    const { clientAnswerId } = await parseJsonBody(request, UndoAnswerSchema);
    const learnerId = await getLearnerId();
    if (!learnerId) throw new ForbiddenError("no learner session");
    return Response.json(await undoAnswer(db, { learnerId, clientAnswerId }));
  } catch (error) {
    return toErrorResponse(error);
  }
}
