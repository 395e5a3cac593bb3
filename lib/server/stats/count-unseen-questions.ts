import type { Db } from "../db";

/** Questions in use, in the decks the learner has started, that the learner has never seen. */
export function countUnseenQuestions(db: Db, learnerId: string): Promise<number> {
  return db.question.count({
    where: {
      retiredAt: null,
      cards: { none: { learnerId } },
      deck: { questions: { some: { cards: { some: { learnerId } } } } },
    },
  });
}
