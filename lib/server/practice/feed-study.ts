import type { AnswerInput } from "@/lib/core/deck/types";
import type { RatingValue } from "@/lib/core/study";
import type { Db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { submitAnswer } from "../study/submit-answer";

const ATTEMPTS = 3;

/**
 * Feeds one answer to the spaced-repetition scheduler through the study mode's own operation,
 * so cards, review logs and exactly-once semantics stay in one place. The same client answer
 * id makes a retry a replay. The card version is read fresh: a study answer in another tab in
 * between is a race worth retrying, not an error for the learner. A retired question has no
 * card to schedule any more and is skipped.
 */
export async function feedStudyAnswer(
  db: Db,
  options: {
    learnerId: string;
    questionId: string;
    clientAnswerId: string;
    answer: AnswerInput;
    rating: RatingValue;
    durationMs: number;
    now: Date;
  },
): Promise<void> {
  const { learnerId, questionId } = options;
  for (let attempt = 1; ; attempt += 1) {
    const card = await db.card.findUnique({
      where: { learnerId_questionId: { learnerId, questionId } },
      select: { version: true },
    });
    try {
      await submitAnswer(db, {
        learnerId,
        now: options.now,
        // Counted by the practice or interview answer limit already.
        answerLimit: null,
        input: {
          clientAnswerId: options.clientAnswerId,
          questionId,
          cardVersion: card?.version ?? null,
          answer: options.answer,
          rating: options.rating,
          durationMs: options.durationMs,
        },
      });
      return;
    } catch (error) {
      if (error instanceof NotFoundError) return;
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
