import { reviewLogColumns } from "@/lib/server/study/card-rows";
import type { Db } from "@/lib/server/db";
import type { SimulatedCard, SimulatedReview } from "./simulated-learner";

/**
 * Stores a simulated history as the learner's cards and review logs, card `i` on question
 * `questionIds[i]`: what the study page would have written had the learner answered so.
 */
export async function seedReviewHistory(
  db: Db,
  options: {
    learnerId: string;
    questionIds: readonly string[];
    history: { reviews: SimulatedReview[]; cards: SimulatedCard[] };
  },
): Promise<void> {
  const { learnerId, questionIds, history } = options;
  const questionOf = (card: number) => {
    const id = questionIds[card];
    if (!id) throw new Error(`no question for simulated card ${card}`);
    return id;
  };
  const questions = await db.question.findMany({
    where: { id: { in: history.cards.map((c) => questionOf(c.card)) } },
    select: { id: true, siblingKey: true },
  });
  const siblingKeyOf = new Map(questions.map((q) => [q.id, q.siblingKey]));
  const cardIds = new Map<number, string>();
  for (const { card, state } of history.cards) {
    const row = await db.card.create({
      data: {
        learnerId,
        questionId: questionOf(card),
        ...state,
        version: 1,
      },
      select: { id: true },
    });
    cardIds.set(card, row.id);
  }
  await db.reviewLog.createMany({
    data: history.reviews.map(({ card, log }, i) => ({
      learnerId,
      cardId: cardIds.get(card)!,
      questionId: questionOf(card),
      clientAnswerId: `seeded-${i}`,
      siblingKey: siblingKeyOf.get(questionOf(card)) ?? "seeded",
      ...reviewLogColumns(log),
      durationMs: 3000,
      response: "{}",
    })),
  });
}
