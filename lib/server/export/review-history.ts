import { reviewHistoryCsv, type ReviewHistoryRow } from "@/lib/core/export/review-history-csv";
import type { Db } from "../db";

/** Every answer the user's learner gave, oldest first, in the FSRS optimiser's columns. */
export async function listReviewHistory(
  db: Db,
  options: { userId: string },
): Promise<ReviewHistoryRow[]> {
  return db.reviewLog.findMany({
    where: { learner: { userId: options.userId } },
    orderBy: { reviewedAt: "asc" },
    select: { cardId: true, reviewedAt: true, rating: true, state: true, durationMs: true },
  });
}

/** The user's review history as the FSRS optimiser's CSV. */
export async function exportReviewHistoryCsv(db: Db, options: { userId: string }): Promise<string> {
  return reviewHistoryCsv(await listReviewHistory(db, options));
}
