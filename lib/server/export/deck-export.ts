import { z } from "zod";
import { ankiTextExport, csvExport, quizletExport } from "@/lib/core/export/text-exports";
import type { ExportDeckInfo, ExportQuestion } from "@/lib/core/export/flatten";
import type { CardProgress, ReviewRecord } from "@/lib/core/export/anki-progress";
import type { Db } from "../db";
import { requireVisibleDeck, type DeckViewer } from "../decks/deck-access";
import { parseDeckSummary } from "../decks/deck-summary";
import { parseQuestionPayload } from "../decks/question-payload";
import { consumeRateLimits, type RateLimitCheck } from "../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { getStudySettings } from "../study/learner-settings";
import { buildAnkiPackage } from "./anki-package";

export const EXPORT_FORMATS = ["apkg", "anki-txt", "quizlet", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The query of GET /api/decks/<id>/export. */
export const ExportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  progress: z.enum(["0", "1"]).default("0"),
});

export interface DeckExportData {
  deck: ExportDeckInfo;
  questions: ExportQuestion[];
  progress: { cards: CardProgress[]; reviews: ReviewRecord[]; desiredRetention: number } | null;
}

/**
 * A deck as the viewer may export it (NotFoundError when they may not see it): its active
 * questions in deck order, and with `withProgress` the viewer's own cards and answers on them.
 */
export async function readDeckExport(
  db: Db,
  options: { viewer: DeckViewer; deckId: string; withProgress: boolean },
): Promise<DeckExportData> {
  await requireVisibleDeck(db, options.viewer, options.deckId);
  const deck = await db.deck.findUniqueOrThrow({
    where: { id: options.deckId },
    select: {
      summary: true,
      questions: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: { id: true, payload: true, updatedAt: true },
      },
    },
  });
  const summary = parseDeckSummary(deck.summary);
  const questions = deck.questions.map((row) => ({
    question: parseQuestionPayload(row.payload),
    updatedAt: row.updatedAt,
  }));
  const learnerId = options.viewer.learnerId ?? null;
  let progress: DeckExportData["progress"] = null;
  if (options.withProgress) {
    const questionIds = deck.questions.map((q) => q.id);
    const [cards, reviews, settings] = learnerId
      ? await Promise.all([
          db.card.findMany({
            where: { learnerId, questionId: { in: questionIds } },
            select: {
              questionId: true,
              state: true,
              due: true,
              stability: true,
              difficulty: true,
              scheduledDays: true,
              reps: true,
              lapses: true,
              lastReview: true,
              suspended: true,
            },
          }),
          db.reviewLog.findMany({
            where: { learnerId, questionId: { in: questionIds } },
            orderBy: { reviewedAt: "asc" },
            select: {
              questionId: true,
              reviewedAt: true,
              rating: true,
              state: true,
              stability: true,
              difficulty: true,
              scheduledDays: true,
              previousDue: true,
              durationMs: true,
            },
          }),
          getStudySettings(db, learnerId),
        ])
      : [[], [], null];
    progress = { cards, reviews, desiredRetention: settings?.desiredRetention ?? 0.9 };
  }
  return {
    deck: {
      id: summary.id,
      title: summary.title,
      language: summary.language,
      aspects: summary.aspects,
    },
    questions,
    progress,
  };
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Uint8Array;
}

/** A file name from the deck id: ASCII letters, digits, dots and dashes only. */
function baseName(deckId: string): string {
  return deckId.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^[.-]+|-+$/g, "") || "deck";
}

/** The export file in `format`. */
export function renderDeckExport(
  data: DeckExportData,
  format: ExportFormat,
  now: Date,
): ExportFile {
  const name = baseName(data.deck.id);
  const text = (s: string) => new TextEncoder().encode(s);
  switch (format) {
    case "apkg":
      return {
        filename: `${name}.apkg`,
        contentType: "application/octet-stream",
        body: buildAnkiPackage({ ...data, now }),
      };
    case "anki-txt":
      return {
        filename: `${name}.anki.txt`,
        contentType: "text/plain; charset=utf-8",
        body: text(ankiTextExport(data.deck, data.questions)),
      };
    case "quizlet":
      return {
        filename: `${name}.quizlet.txt`,
        contentType: "text/plain; charset=utf-8",
        body: text(quizletExport(data.questions)),
      };
    case "csv":
      return {
        filename: `${name}.csv`,
        contentType: "text/csv; charset=utf-8",
        body: text(csvExport(data.deck, data.questions)),
      };
  }
}

/**
 * Exports a deck: counted against the export limits (per account or learner, and per address),
 * then read and rendered. RateLimitedError / NotFoundError as the route's 429 / 404.
 */
export async function exportDeck(
  db: Db,
  options: {
    viewer: DeckViewer;
    address: string;
    deckId: string;
    format: ExportFormat;
    withProgress: boolean;
    now: Date;
  },
): Promise<ExportFile> {
  const { viewer, now } = options;
  const checks: RateLimitCheck[] = [
    { limit: RATE_LIMITS.deckExportsPerAddress, key: options.address },
  ];
  const who = viewer.userId ?? viewer.learnerId;
  if (who) checks.push({ limit: RATE_LIMITS.deckExportsPerViewer, key: who });
  await consumeRateLimits(db, { checks, now });
  const data = await readDeckExport(db, options);
  return renderDeckExport(data, options.format, now);
}
