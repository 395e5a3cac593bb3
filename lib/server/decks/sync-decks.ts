import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildDeck, DocumentError, normalizeText } from "@/lib/core/deck";
import type { Question } from "@/lib/core/deck/types";
import { deckOptionsOf, readDeckSource } from "@/lib/deck-files/read-deck-source";
import type { Db } from "../db";

export interface DeckSyncResult {
  deckId: string;
  file: string;
  created: number;
  updated: number;
  retired: number;
  unchanged: number;
}

export interface DeckSyncFailure {
  file: string;
  message: string;
}

export interface SyncReport {
  decks: DeckSyncResult[];
  failures: DeckSyncFailure[];
}

/** What makes a question the same question for its learners: kind, prompt and answer. */
function textKey(question: Pick<Question, "kind" | "prompt" | "answer">): string {
  return [question.kind, normalizeText(question.prompt), normalizeText(question.answer)].join(
    "\u001f",
  );
}

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/**
 * Upserts a deck and its questions from every `*.md` in `sourcesDir`. Idempotent: an unchanged
 * question is not written; a question that disappeared is retired (kept with its history, no
 * longer scheduled), never deleted. A document that does not parse is reported and skipped,
 * leaving its previous deck as it was.
 */
export async function syncDecks(
  db: Db,
  options: { sourcesDir: string; now: Date },
): Promise<SyncReport> {
  const files = fs
    .readdirSync(options.sourcesDir)
    .filter((name) => name.endsWith(".md"))
    .sort();
  const report: SyncReport = { decks: [], failures: [] };
  for (const name of files) {
    const file = path.join(options.sourcesDir, name);
    try {
      const source = readDeckSource(file);
      const deck = buildDeck(source.markdown, deckOptionsOf(source));
      report.decks.push(
        await writeDeck(db, {
          file: path.relative(process.cwd(), file),
          markdown: source.markdown,
          summary: deck.summary,
          questions: deck.questions,
          now: options.now,
        }),
      );
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      report.failures.push({ file: name, message: error.message });
    }
  }
  return report;
}

async function writeDeck(
  db: Db,
  input: {
    file: string;
    markdown: string;
    summary: ReturnType<typeof buildDeck>["summary"];
    questions: Question[];
    now: Date;
  },
): Promise<DeckSyncResult> {
  const { summary, questions, now } = input;
  const result: DeckSyncResult = {
    deckId: summary.id,
    file: input.file,
    created: 0,
    updated: 0,
    retired: 0,
    unchanged: 0,
  };
  const deckData = {
    title: summary.title,
    language: summary.language,
    sourcePath: input.file,
    sourceHash: sha256(input.markdown),
    sourceMarkdown: input.markdown,
    summary: JSON.stringify(summary),
  };

  await db.$transaction(async (tx) => {
    const existingDeck = await tx.deck.findUnique({ where: { id: summary.id } });
    const deckChanged =
      existingDeck !== null &&
      (existingDeck.sourceHash !== deckData.sourceHash ||
        existingDeck.summary !== deckData.summary ||
        existingDeck.title !== deckData.title ||
        existingDeck.sourcePath !== deckData.sourcePath);
    if (!existingDeck) await tx.deck.create({ data: { id: summary.id, ...deckData } });
    else if (deckChanged) await tx.deck.update({ where: { id: summary.id }, data: deckData });

    const rows = await tx.question.findMany({
      where: { deckId: summary.id },
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
        toCreate.push({ id: question.id, deckId: summary.id, ...columns });
        result.created += 1;
      } else if (row.contentHash !== contentHash || row.position !== position || row.retiredAt) {
        await tx.question.update({
          where: { id: question.id },
          data: { ...columns, retiredAt: null },
        });
        result.updated += 1;
      } else {
        result.unchanged += 1;
      }
    }
    if (toCreate.length > 0) await tx.question.createMany({ data: toCreate });
    const gone = [...existing.values()].filter((q) => !q.retiredAt).map((q) => q.id);
    if (gone.length > 0) {
      await tx.question.updateMany({ where: { id: { in: gone } }, data: { retiredAt: now } });
      result.retired = gone.length;
    }
    // A new deck starts at version 1; any later change moves it on (see the question cache).
    if (existingDeck && (deckChanged || result.created + result.updated + result.retired > 0)) {
      await tx.deck.update({
        where: { id: summary.id },
        data: { contentVersion: { increment: 1 } },
      });
    }
  });
  return result;
}
