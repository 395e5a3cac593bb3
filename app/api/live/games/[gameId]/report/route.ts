import { attachmentDisposition } from "@/lib/core/classes/gradebook-file";
import { LiveGameIdSchema } from "@/lib/core/live/api-schemas";
import { liveReportCsv } from "@/lib/core/live/report";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";
import { getLiveGameReport } from "@/lib/server/live/report";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ gameId: string }> };

/**
 * GET /api/live/games/:gameId/report — the game's report as a CSV download (one row per player,
 * formula-safe), for its host only: anyone else, signed in or not, gets the same 404 as for a
 * game that does not exist.
 */
export async function GET(_request: Request, context: Context) {
  try {
    const gameId = LiveGameIdSchema.safeParse((await context.params).gameId);
    const user = await getCurrentUser();
    if (!gameId.success || !user) throw new NotFoundError("no such game");
    const { t } = await getMessages();
    const game = await getLiveGameReport(db, { gameId: gameId.data, hostUserId: user.id });
    const date = game.createdAt.toISOString().slice(0, 10);
    return new Response(liveReportCsv(game.report, t.live.report), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentDisposition(`live quiz ${date}.csv`),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
