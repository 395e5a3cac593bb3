import { RecordIdSchema } from "@/lib/core/classes/class-schemas";
import { getAssignmentStudyCard } from "@/lib/server/classes/assignment-study";
import { db } from "@/lib/server/db";
import { BadRequestError, NotFoundError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";
import { deckViewer } from "@/lib/server/learners";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import {
  AspectSelectionSchema,
  DeckSelectionSchema,
  KindSelectionSchema,
} from "@/lib/server/study/schemas";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/study?deck=a&deck=b[&aspect=networking][&kind=cloze] — the next card to study in
 * those decks, only about the given aspects and of the given kinds when there are any.
 * GET /api/study?assignment=<id> — the next card of a study assignment of one of the learner's
 * classes (its deck, aspects and kinds; the questions still short of its goal), with `goal`.
 */
export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const { userId, learnerId } = await deckViewer();
    const now = new Date();
    const assignment = params.get("assignment");
    if (assignment !== null) {
      const id = RecordIdSchema.safeParse(assignment);
      if (!id.success) throw new NotFoundError("no such assignment");
      const state = await getAssignmentStudyCard(db, { learnerId, assignmentId: id.data, now });
      return Response.json(state, { headers: NO_STORE });
    }
    const decks = DeckSelectionSchema.safeParse(params.getAll("deck"));
    if (!decks.success) throw new BadRequestError("choose between 1 and 20 decks with ?deck=<id>");
    const aspects = AspectSelectionSchema.safeParse(params.getAll("aspect"));
    if (!aspects.success) throw new BadRequestError("?aspect= takes up to 20 aspect keys");
    const kinds = KindSelectionSchema.safeParse(params.getAll("kind"));
    if (!kinds.success) throw new BadRequestError("?kind= takes question kinds, e.g. cloze");
    const state = await getStudyCard(db, {
      learnerId,
      userId,
      deckIds: decks.data,
      aspects: aspects.data.length > 0 ? aspects.data : undefined,
      kinds: kinds.data.length > 0 ? kinds.data : undefined,
      now,
    });
    return Response.json(state, { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
