import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { toErrorResponse } from "@/lib/server/http";
import { getLearnerId } from "@/lib/server/learners";
import { addLiveQuestionsToReviews } from "@/lib/server/live/reviews";
import { parseGameId, requirePlayer } from "@/lib/server/live/route-helpers";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ gameId: string }> };

/**
 * POST /api/live/games/:gameId/reviews — after the game, the player this browser's cookie names,
 * signed in as the account they joined with, adds the questions they answered to their reviews:
 * `{added, already}` (a second call adds nothing). 401 without a session or a player of this
 * game, 403 a player who joined signed out (or as another account), 409 `game_not_finished`.
 */
export async function POST(_request: Request, context: Context) {
  try {
    const gameId = parseGameId((await context.params).gameId);
    await requireUser();
    const player = await requirePlayer(db, gameId);
    const result = await addLiveQuestionsToReviews(db, {
      gameId,
      playerId: player.id,
      learnerId: await getLearnerId(),
      now: new Date(),
    });
    return Response.json(result);
  } catch (error) {
    return toErrorResponse(error);
  }
}
