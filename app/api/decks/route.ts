import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { createOwnDeck } from "@/lib/server/decks/own-decks";
import { MAX_UPLOAD_BYTES } from "@/lib/server/decks/preview-document";
import { readMarkdownBody, toErrorResponse } from "@/lib/server/http";

/**
 * POST /api/decks — saves the markdown document in the body (`Content-Type: text/markdown`, at
 * most 256 KB) as a new private deck of the signed-in user: `201 {ok: true, deckId}`, or
 * `200 {ok: false, issues}` (the preview's problems) and nothing saved.
 */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const bytes = await readMarkdownBody(request, { maxBytes: MAX_UPLOAD_BYTES });
    const result = await createOwnDeck(db, { userId: user.id, bytes, now: new Date() });
    return Response.json(result, { status: result.ok ? 201 : 200 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
