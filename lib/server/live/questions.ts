import type { LiveQuestionView } from "@/lib/core/live/snapshots";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { parseQuestionPayload } from "../decks/question-payload";

/**
 * A game's questions as asked, by id. Question rows are never deleted (retired at most) and an id
 * names one content (it is a hash of it), so a copy per question id never goes stale.
 */
const cache = new Map<string, LiveQuestionView>();

export async function loadLiveQuestions(
  db: Db | Prisma.TransactionClient,
  ids: readonly string[],
): Promise<LiveQuestionView[]> {
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length > 0) {
    const rows = await db.question.findMany({
      where: { id: { in: missing } },
      select: { id: true, payload: true },
    });
    for (const row of rows) {
      const q = parseQuestionPayload(row.payload);
      cache.set(row.id, {
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        options: (q.options ?? []).map(({ id, text }) => ({ id, text })),
        correctOptionId: q.correctOptionId ?? "",
        explanation: q.explanation,
        sourceQuote: q.source.quote,
      });
    }
  }
  return ids.map((id) => {
    const question = cache.get(id);
    if (!question) throw new Error(`live game question ${id} is missing`);
    return question;
  });
}
