import { db } from "@/lib/server/db";
import { BadRequestError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";
import { getLearnerId } from "@/lib/server/learners";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { AspectSelectionSchema, DeckSelectionSchema } from "@/lib/server/study/schemas";

export const dynamic = "force-dynamic";

/** GET /api/study?deck=a&deck=b[&aspect=x] — the next card to study in those decks (aspects). */
export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const decks = DeckSelectionSchema.safeParse(params.getAll("deck"));
    if (!decks.success) throw new BadRequestError("choose between 1 and 20 decks with ?deck=<id>");
    const aspects = AspectSelectionSchema.safeParse(params.getAll("aspect"));
    if (!aspects.success) throw new BadRequestError("unknown aspect in ?aspect=<key>");
    const state = await getStudyCard(db, {
      learnerId: await getLearnerId(),
      deckIds: decks.data,
      aspects: aspects.data,
      now: new Date(),
    });
    return Response.json(state, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
