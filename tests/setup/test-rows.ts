import crypto from "node:crypto";
import type { Question } from "@/lib/core/deck/types";
import type { Db } from "@/lib/server/db";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A deck row with nothing in it but its id (and `data`), for tests about decks as rows. */
export function bareDeck(
  id: string,
  data: Partial<Prisma.DeckUncheckedCreateInput> = {},
): Prisma.DeckUncheckedCreateInput {
  return {
    id,
    title: id,
    language: "en",
    sourcePath: `${id}.md`,
    sourceHash: id,
    sourceMarkdown: "",
    summary: "{}",
    ...data,
  };
}

/** The learner's card of a question, made (reviewed once, in `state`, at `at`) when missing. */
export async function ensureCard(
  db: Db,
  options: { learnerId: string; questionId: string; at: Date; state: number },
): Promise<string> {
  const { learnerId, questionId, at, state } = options;
  const card = await db.card.upsert({
    where: { learnerId_questionId: { learnerId, questionId } },
    create: {
      learnerId,
      questionId,
      due: at,
      stability: 1,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state,
      lastReview: at,
    },
    update: {},
  });
  return card.id;
}

/** A reveal-type answer through the study route's own data-layer call, with a fresh answer id. */
export function answerReveal(
  db: Db,
  options: {
    learnerId: string;
    question: Question;
    rating: 1 | 2 | 3 | 4;
    now: Date;
    cardVersion?: number | null;
  },
) {
  const { learnerId, question, rating, now, cardVersion = null } = options;
  return submitAnswer(db, {
    learnerId,
    input: {
      questionId: question.id,
      clientAnswerId: crypto.randomUUID(),
      rating,
      cardVersion,
      durationMs: 1000,
      answer: { type: "reveal" },
    },
    now,
    answerLimit: null,
  });
}
