import fs from "node:fs";
import path from "node:path";
import { buildDeck, documentIssue, DocumentError } from "@/lib/core/deck";
import type { Question } from "@/lib/core/deck/types";
import { deckOptionsOf, readDeckSource } from "@/lib/deck-files/read-deck-source";
import type { Db } from "../db";
import { UPLOADED_SOURCE_PATH } from "./own-decks";
import { sha256, writeDeckQuestions } from "./write-questions";

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
    // A file must never overwrite a deck a user uploaded (their ids start with "own-").
    if (existingDeck?.sourcePath === UPLOADED_SOURCE_PATH) {
      throw new DocumentError("internal", [documentIssue("deck-id-taken", { id: summary.id })]);
    }
    const deckChanged =
      existingDeck !== null &&
      (existingDeck.sourceHash !== deckData.sourceHash ||
        existingDeck.summary !== deckData.summary ||
        existingDeck.title !== deckData.title ||
        existingDeck.sourcePath !== deckData.sourcePath);
    if (!existingDeck) await tx.deck.create({ data: { id: summary.id, ...deckData } });
    else if (deckChanged) await tx.deck.update({ where: { id: summary.id }, data: deckData });

    const counts = await writeDeckQuestions(tx, { deckId: summary.id, questions, now });
    Object.assign(result, counts);
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
