import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { MAX_UPLOAD_BYTES, previewDocument } from "@/lib/server/decks/preview-document";
import { readMarkdownBody, toErrorResponse } from "@/lib/server/http";

/**
 * POST /api/decks/preview — the bytes of a markdown document (`Content-Type: text/markdown`, at
 * most 256 KB): `200 {ok: true, preview}` with what it yields, or `200 {ok: false, issues}` with
 * every problem and its line. Signed-in users only; nothing is saved.
 */
export async function POST(request: Request) {
  try {
    const user = await requireUser();
    const bytes = await readMarkdownBody(request, { maxBytes: MAX_UPLOAD_BYTES });
    const result = await previewDocument(db, { userId: user.id, bytes, now: new Date() });
    return Response.json(result);
  } catch (error) {
    return toErrorResponse(error);
  }
}
