import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { updateOwnDeck } from "@/lib/server/decks/own-decks";
import { MAX_UPLOAD_BYTES } from "@/lib/server/decks/preview-document";
import { readMarkdownBody, toErrorResponse } from "@/lib/server/http";

type Context = { params: Promise<{ deckId: string }> };

/**
 * PUT /api/decks/<id>/source — the author's edited document (`text/markdown`, at most 256 KB):
 * the deck is regenerated, `200 {ok: true, deckId, counts}`, or `200 {ok: false, issues}` and
 * nothing changed. Anyone else's deck, or a built-in one, is a 404.
 */
export async function PUT(request: Request, context: Context) {
  try {
    const user = await requireUser();
    const { deckId } = await context.params;
    const bytes = await readMarkdownBody(request, { maxBytes: MAX_UPLOAD_BYTES });
    const result = await updateOwnDeck(db, { userId: user.id, deckId, bytes, now: new Date() });
    return Response.json(result);
  } catch (error) {
    return toErrorResponse(error);
  }
}
