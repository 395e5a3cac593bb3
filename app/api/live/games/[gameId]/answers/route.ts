import { LiveAnswerSchema } from "@/lib/core/live/api-schemas";
import { db } from "@/lib/server/db";
import { UnauthorizedError } from "@/lib/server/errors";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { submitLiveAnswer } from "@/lib/server/live/answers";
import { parseGameId, playerTokenFor } from "@/lib/server/live/route-helpers";
import { hashPlayerToken } from "@/lib/server/live/tokens";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ gameId: string }> };

/**
 * POST /api/live/games/:gameId/answers — `{questionIndex, choice}` from the player this browser's
 * cookie names → `{questionIndex, choice, duplicate}` once stored (201; 200 for a retry, which
 * returns the answer stored first). 401 without a player of this game, 403 kicked, 409
 * `too_late` (server time), `paused`, `wrong_question`, `not_in_question`.
 */
export async function POST(request: Request, context: Context) {
  try {
    // The arrival time is what counts against the deadline, not when the batch runs.
    const receivedAt = new Date();
    const { questionIndex, choice } = await parseJsonBody(request, LiveAnswerSchema, {
      maxBytes: 1024,
    });
    const gameId = parseGameId((await context.params).gameId);
    const token = await playerTokenFor(gameId);
    if (!token) throw new UnauthorizedError("join the game first");
    // The player (and whether they were kicked) is read with the whole batch of answers.
    const stored = await submitLiveAnswer(db, {
      gameId,
      tokenHash: hashPlayerToken(token),
      questionIndex,
      choice,
      receivedAt,
    });
    return Response.json(stored, { status: stored.duplicate ? 200 : 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
