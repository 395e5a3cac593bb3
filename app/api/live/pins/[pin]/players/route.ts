import { cookies } from "next/headers";
import { JoinLiveGameSchema } from "@/lib/core/live/api-schemas";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { requireLearnerId } from "@/lib/server/learners";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { joinGame } from "@/lib/server/live/players";
import { parsePin } from "@/lib/server/live/route-helpers";
import { PLAYER_COOKIE_MAX_AGE_S, playerCookieName } from "@/lib/server/live/tokens";
import { clientAddress, isSecureRequest } from "@/lib/server/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ pin: string }> };

/**
 * POST /api/live/pins/:pin/players — `{nickname}` → `{gameId, playerId, nickname, score, streak}`:
 * 201 joined (the player token goes into an HttpOnly cookie for this game), 200 rejoined with
 * the cookie's token. 400 `nickname_*`, 404 wrong PIN, 409 `lobby_locked` / `nickname_banned`,
 * 403 kicked, 429 too many wrong PINs.
 */
export async function POST(request: Request, context: Context) {
  try {
    const { nickname } = await parseJsonBody(request, JoinLiveGameSchema, { maxBytes: 2 * 1024 });
    const pin = parsePin((await context.params).pin);
    const jar = await cookies();
    // A signed-in player's learner: after the game they may add its questions to their reviews.
    const learnerId = (await getCurrentUser())
      ? await requireLearnerId({ secure: await isSecureRequest() })
      : null;
    const result = await joinGame(db, {
      pin,
      nickname,
      tokenFor: (gameId) => jar.get(playerCookieName(gameId))?.value,
      address: clientAddress(request.headers),
      learnerId,
      now: new Date(),
    });
    jar.set(playerCookieName(result.player.gameId), result.token, {
      httpOnly: true,
      sameSite: "lax",
      secure: await isSecureRequest(),
      path: "/",
      maxAge: PLAYER_COOKIE_MAX_AGE_S,
    });
    const { id, gameId, score, streak } = result.player;
    return Response.json(
      { gameId, playerId: id, nickname: result.player.nickname, score, streak },
      { status: result.rejoined ? 200 : 201 },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
