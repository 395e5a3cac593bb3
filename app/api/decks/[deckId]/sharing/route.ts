import { z } from "zod";
import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { DECK_VISIBILITIES } from "@/lib/server/decks/deck-access";
import { setDeckSharing } from "@/lib/server/decks/own-decks";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";

const SharingSchema = z.strictObject({
  visibility: z.enum(DECK_VISIBILITIES),
  classIds: z.array(z.string().min(1).max(64)).max(100),
});

type Context = { params: Promise<{ deckId: string }> };

/**
 * PUT /api/decks/<id>/sharing — `{visibility: "private" | "class" | "public", classIds}`: who
 * sees the author's deck (classIds: some of their own classes, for "class"). `204`; anyone
 * else's deck or class is a 404.
 */
export async function PUT(request: Request, context: Context) {
  try {
    const user = await requireUser();
    const { deckId } = await context.params;
    const input = await parseJsonBody(request, SharingSchema);
    await setDeckSharing(db, { userId: user.id, deckId, ...input, now: new Date() });
    return new Response(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
