import crypto from "node:crypto";
import { normalizeText } from "@/lib/core/deck";
import type { Question } from "@/lib/core/deck/types";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface QuestionWriteCounts {
  created: number;
  updated: number;
  retired: number;
  unchanged: number;
}

/** What makes a question the same question for its learners: kind, prompt and answer. */
function textKey(question: Pick<Question, "kind" | "prompt" | "answer">): string {
  return [question.kind, normalizeText(question.prompt), normalizeText(question.answer)].join(
    "\u001f",
  );
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/**
 * Brings a deck's stored questions in line with a fresh generation, inside the caller's
 * transaction — the one rule for the built-in sync and an author's edit alike. A question keeps
 * its id (and so every learner's cards and history) while it reads and answers the same; one
 * that is new is created; one that disappeared is retired (kept, no longer scheduled), never
 * deleted. An unchanged question is not written. The caller bumps the deck's contentVersion
 * when anything changed.
 */
export async function writeDeckQuestions(
  tx: Prisma.TransactionClient,
  input: { deckId: string; questions: readonly Question[]; now: Date },
): Promise<QuestionWriteCounts> {
  const { deckId, questions, now } = input;
  const counts: QuestionWriteCounts = { created: 0, updated: 0, retired: 0, unchanged: 0 };
  const rows = await tx.question.findMany({
    where: { deckId },
    select: { id: true, contentHash: true, position: true, retiredAt: true, payload: true },
  });
  const existing = new Map(rows.map((q) => [q.id, q]));
  // Ids stored under an earlier id scheme: a question that reads and answers the same keeps
  // the id its learners' cards already point to.
  const storedIdByText = new Map(
    rows.map((q) => [textKey(JSON.parse(q.payload) as Question), q.id]),
  );
  const toCreate = [];
  for (const [position, generated] of questions.entries()) {
    const storedId = existing.has(generated.id)
      ? undefined
      : storedIdByText.get(textKey(generated));
    const question = storedId ? { ...generated, id: storedId } : generated;
    const payload = JSON.stringify(question);
    const contentHash = sha256(payload);
    const row = existing.get(question.id);
    existing.delete(question.id);
    const columns = {
      kind: question.kind,
      aspect: question.tags.aspect,
      siblingKey: question.siblingKey,
      position,
      contentHash,
      payload,
    };
    if (!row) {
      toCreate.push({ id: question.id, deckId, ...columns });
      counts.created += 1;
    } else if (row.contentHash !== contentHash || row.position !== position || row.retiredAt) {
      await tx.question.update({
        where: { id: question.id },
        data: { ...columns, retiredAt: null },
      });
      counts.updated += 1;
    } else {
      counts.unchanged += 1;
    }
  }
  if (toCreate.length > 0) await tx.question.createMany({ data: toCreate });
  const gone = [...existing.values()].filter((q) => !q.retiredAt).map((q) => q.id);
  if (gone.length > 0) {
    await tx.question.updateMany({ where: { id: { in: gone } }, data: { retiredAt: now } });
    counts.retired = gone.length;
  }
  return counts;
}
