import { db } from "@/lib/server/db";
import { toErrorResponse } from "@/lib/server/http";
import { findGameByPin, findPlayerByToken } from "@/lib/server/live/players";
import { parsePin, playerTokenFor } from "@/lib/server/live/route-helpers";
import { clientAddress } from "@/lib/server/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ pin: string }> };

/**
 * GET /api/live/pins/:pin — the game a PIN names, `{gameId, deckTitle, phase, lobbyLocked, me}`
 * (`me`: this browser's player when it has joined before, to rejoin). A wrong PIN is a 404
 * counted against the address (429 past the limit).
 */
export async function GET(request: Request, context: Context) {
  try {
    const pin = parsePin((await context.params).pin);
    const game = await findGameByPin(db, {
      pin,
      address: clientAddress(request.headers),
      now: new Date(),
    });
    const me = await findPlayerByToken(db, {
      gameId: game.gameId,
      token: await playerTokenFor(game.gameId),
    });
    return Response.json(
      { ...game, me: me && !me.kicked ? { nickname: me.nickname } : null },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
