import { rollbackRating } from "@/lib/core/study";
import type { Db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { getStudySettings } from "./learner-settings";
import { cardStateColumns, toCardState, toReviewLogState } from "./card-rows";

/** Undoes the learner's most recent answer: the card returns to its exact prior state, the log goes. */
export async function undoAnswer(
  db: Db,
  options: { learnerId: string; clientAnswerId: string },
): Promise<{ questionId: string }> {
  const { learnerId, clientAnswerId } = options;
  const settings = await getStudySettings(db, learnerId);
  return db.$transaction(async (tx) => {
    const latest = await tx.reviewLog.findFirst({
      where: { learnerId },
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
      include: { card: true },
    });
    if (!latest || latest.clientAnswerId !== clientAnswerId) {
      const exists = await tx.reviewLog.findUnique({
        where: { learnerId_clientAnswerId: { learnerId, clientAnswerId } },
        select: { id: true },
      });
      if (!exists) throw new NotFoundError("no such answer to undo");
      throw new ConflictError("only the most recent answer can be undone", "not_latest");
    }
    const restored = rollbackRating(toCardState(latest.card), toReviewLogState(latest), settings);
    await tx.card.update({
      where: { id: latest.cardId },
      data: { ...cardStateColumns(restored), version: { increment: 1 } },
    });
    await tx.reviewLog.delete({ where: { id: latest.id } });
    return { questionId: latest.questionId };
  });
}
