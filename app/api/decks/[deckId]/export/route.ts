import { headers } from "next/headers";
import { db } from "@/lib/server/db";
import { BadRequestError } from "@/lib/server/errors";
import { ExportQuerySchema, exportDeck } from "@/lib/server/export/deck-export";
import { toErrorResponse } from "@/lib/server/http";
import { deckViewer } from "@/lib/server/learners";
import { clientAddress } from "@/lib/server/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ deckId: string }> };

/**
 * GET /api/decks/<id>/export?format=apkg|anki-txt|quizlet|csv[&progress=1] — a deck the viewer
 * may see as a download; `progress=1` adds the viewer's own cards and answers (Anki package
 * only). A deck they may not see is a 404, a bad query a 400, too many exports a 429.
 */
export async function GET(request: Request, context: Context) {
  try {
    const { deckId } = await context.params;
    const params = new URL(request.url).searchParams;
    const query = ExportQuerySchema.safeParse({
      format: params.get("format") ?? undefined,
      progress: params.get("progress") ?? undefined,
    });
    if (!query.success) {
      throw new BadRequestError("?format= takes apkg, anki-txt, quizlet or csv; ?progress= 0 or 1");
    }
    const file = await exportDeck(db, {
      viewer: await deckViewer(),
      address: clientAddress(await headers()),
      deckId,
      format: query.data.format,
      withProgress: query.data.progress === "1",
      now: new Date(),
    });
    return new Response(Buffer.from(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
