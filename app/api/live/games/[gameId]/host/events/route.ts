import { hostSnapshot } from "@/lib/core/live/snapshots";
import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";
import { gameEventStream } from "@/lib/server/live/event-stream";
import { parseGameId } from "@/lib/server/live/route-helpers";
import { readGameSummary, requireHost } from "@/lib/server/live/view";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ gameId: string }> };

/**
 * GET /api/live/games/:gameId/host/events — server-sent events for the host's screen: a full
 * snapshot on every (re)connect, then one whenever it changes; `: heartbeat` every 15 s. Every
 * refusal (401, 404) is answered before the stream starts.
 */
export async function GET(request: Request, context: Context) {
  try {
    const gameId = parseGameId((await context.params).gameId);
    const user = await requireUser();
    await requireHost(db, gameId, user.id);
    const first = await readGameSummary(db, gameId, new Date());
    if (!first) throw new NotFoundError("no such game");
    return gameEventStream({
      db,
      gameId,
      signal: request.signal,
      first,
      render: (summary) => ({ snapshot: hostSnapshot(summary, Date.now()), last: false }),
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
