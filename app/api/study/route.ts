import { db } from "@/lib/server/db";
import { BadRequestError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";
import { getLearnerId } from "@/lib/server/learners";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { DeckSelectionSchema } from "@/lib/server/study/schemas";

export const dynamic = "force-dynamic";

/** GET /api/study?deck=a&deck=b — the next card to study in those decks. */
export async function GET(request: Request) {
  try {
    const decks = DeckSelectionSchema.safeParse(new URL(request.url).searchParams.getAll("deck"));
    if (!decks.success) throw new BadRequestError("choose between 1 and 20 decks with ?deck=<id>");
    const state = await getStudyCard(db, {
      learnerId: await getLearnerId(),
      deckIds: decks.data,
      now: new Date(),
    });
    return Response.json(state, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
