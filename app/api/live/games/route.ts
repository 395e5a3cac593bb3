import { LiveGameSettingsSchema } from "@/lib/core/live/settings";
import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { createGame } from "@/lib/server/live/games";

export const dynamic = "force-dynamic";

/**
 * POST /api/live/games — the settings (deck, aspects, kinds, count, seconds, scoring switches,
 * optional own class) → 201 `{gameId, pin}`. Signed-in users only (401), 20 games an hour (429).
 */
export async function POST(request: Request) {
  try {
    const settings = await parseJsonBody(request, LiveGameSettingsSchema, { maxBytes: 8 * 1024 });
    const user = await requireUser();
    const game = await createGame(db, { hostUserId: user.id, settings, now: new Date() });
    return Response.json(game, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
