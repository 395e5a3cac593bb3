import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { exportReviewHistoryCsv } from "@/lib/server/export/review-history";
import { toErrorResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/account/reviews.csv — the signed-in user's review history in the FSRS optimiser's
 * format (card_id, review_time, review_rating, review_state, review_duration).
 */
export async function GET() {
  try {
    const user = await requireUser();
    const csv = await exportReviewHistoryCsv(db, { userId: user.id });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="poddeck-reviews.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
