import { playerSnapshot } from "@/lib/core/live/snapshots";
import { db } from "@/lib/server/db";
import { ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";
import { gameEventStream } from "@/lib/server/live/event-stream";
import { parseGameId, requirePlayer } from "@/lib/server/live/route-helpers";
import { readFirstPlayerSummary } from "@/lib/server/live/view";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ gameId: string }> };

/**
 * GET /api/live/games/:gameId/player/events — server-sent events for the player this browser's
 * cookie names: a full snapshot on every (re)connect (so a reload lands on the right screen with
 * the time really left and the answer already given), then one whenever it changes. 401 without
 * a player of this game, 403 when kicked; a player kicked meanwhile gets a last snapshot.
 */
export async function GET(request: Request, context: Context) {
  try {
    const gameId = parseGameId((await context.params).gameId);
    const player = await requirePlayer(db, gameId);
    if (player.kicked) throw new ForbiddenError("the host removed you from this game");
    const first = await readFirstPlayerSummary(db, {
      gameId,
      playerId: player.id,
      now: new Date(),
    });
    if (!first) throw new NotFoundError("no such game");
    return gameEventStream({
      db,
      gameId,
      signal: request.signal,
      first,
      render: (summary) => {
        const row = summary.players.get(player.id);
        const me = { id: player.id, nickname: player.nickname, kicked: row?.kicked ?? true };
        return { snapshot: playerSnapshot(summary, me, Date.now()), last: me.kicked };
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
