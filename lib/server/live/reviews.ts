import { newCardState } from "@/lib/core/study";
import type { Db } from "../db";
import { ConflictError, DomainError } from "../errors";
import { cardStateColumns } from "../study/card-rows";

/**
 * After the game, a player who joined signed in adds the questions they answered to their
 * spaced-repetition queue, as new cards (a question already among their cards stays as it
 * is). Exactly once: a conditional UPDATE of `reviewsAddedAt` lets one request through; the
 * cards are created in the same transaction, so a retry or a double click adds nothing.
 */
export async function addLiveQuestionsToReviews(
  db: Db,
  options: { gameId: string; playerId: string; learnerId: string | null; now: Date },
): Promise<{ added: number; already: boolean }> {
  const { gameId, playerId, learnerId, now } = options;
  const player = await db.livePlayer.findFirst({
    where: { id: playerId, gameId },
    select: { learnerId: true, game: { select: { phase: true } } },
  });
  if (!player || !learnerId || player.learnerId !== learnerId) {
    throw new DomainError(
      "join the game while signed in to add its questions to your reviews",
      403,
      "not_linked",
    );
  }
  if (player.game.phase !== "podium") {
    throw new ConflictError("the game is not over yet", "game_not_finished");
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.livePlayer.updateMany({
      where: { id: playerId, reviewsAddedAt: null },
      data: { reviewsAddedAt: now },
    });
    if (count === 0) return { added: 0, already: true };
    const answered = await tx.liveAnswer.findMany({
      where: { playerId },
      select: { questionIndex: true },
    });
    const game = await tx.liveGame.findUniqueOrThrow({
      where: { id: gameId },
      select: { questionIds: true },
    });
    const ids = JSON.parse(game.questionIds) as string[];
    const questionIds = [...new Set(answered.map((a) => ids[a.questionIndex]!))];
    const existing = new Set(
      (
        await tx.card.findMany({
          where: { learnerId, questionId: { in: questionIds } },
          select: { questionId: true },
        })
      ).map((c) => c.questionId),
    );
    // A game outlives the deletion of its deck, but a deleted deck's cards never come due.
    const live = new Set(
      (
        await tx.question.findMany({
          where: { id: { in: questionIds }, deck: { deletedAt: null } },
          select: { id: true },
        })
      ).map((q) => q.id),
    );
    const fresh = questionIds.filter((id) => live.has(id) && !existing.has(id));
    if (fresh.length > 0) {
      const state = cardStateColumns(newCardState(now));
      await tx.card.createMany({
        data: fresh.map((questionId) => ({ learnerId, questionId, ...state })),
      });
    }
    return { added: fresh.length, already: false };
  });
}
