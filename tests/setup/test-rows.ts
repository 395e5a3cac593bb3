import type { Db } from "@/lib/server/db";
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
