import { HostCommandSchema } from "@/lib/core/live/api-schemas";
import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { kickPlayer, runHostCommand } from "@/lib/server/live/games";
import { parseGameId } from "@/lib/server/live/route-helpers";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ gameId: string }> };

/**
 * POST /api/live/games/:gameId/host — `{command}`: start, next, skip, pause, resume, end, lock,
 * unlock, or `{command: "kick", playerId, ban?}`. The host's own game only (another user's is a
 * 404, no session 401); a move the phase does not allow is a 409 naming why.
 */
export async function POST(request: Request, context: Context) {
  try {
    const body = await parseJsonBody(request, HostCommandSchema, { maxBytes: 1024 });
    const gameId = parseGameId((await context.params).gameId);
    const user = await requireUser();
    const now = new Date();
    if (body.command === "kick") {
      await kickPlayer(db, {
        gameId,
        hostUserId: user.id,
        playerId: body.playerId,
        ban: body.ban,
        now,
      });
    } else {
      await runHostCommand(db, { gameId, hostUserId: user.id, command: body.command, now });
    }
    return Response.json({ ok: true });
  } catch (error) {
    return toErrorResponse(error);
  }
}
