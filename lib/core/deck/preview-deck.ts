import { buildDeck, type BuiltDeck } from "./build-deck";
import { DocumentError, type DocumentIssue } from "./document-error";
import type { ParseDocumentOptions } from "./parse-document";
import { QUALITY_RULES, type QualityRule } from "./quality-gate";
import type { DeckSummary, Question, QuestionKind } from "./types";

/** How many questions the quality gate kept back under one rule, with what the rule asks for. */
export interface DroppedByRule {
  rule: QualityRule;
  count: number;
  description: string;
}

export interface DeckPreview {
  summary: DeckSummary;
  total: number;
  /** The first question of each kind, in the order kinds first appear: what an author checks. */
  samples: Question[];
  dropped: { total: number; byRule: DroppedByRule[] };
}

export type PreviewResult =
  { ok: true; preview: DeckPreview } | { ok: false; issues: DocumentIssue[] };

export type BuildResult = { ok: true; deck: BuiltDeck } | { ok: false; issues: DocumentIssue[] };

/** buildDeck with its DocumentError as a result: what previewing and saving a document share. */
export function tryBuildDeck(markdown: string, options: ParseDocumentOptions): BuildResult {
  try {
    return { ok: true, deck: buildDeck(markdown, options) };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, issues: error.issues };
    throw error;
  }
}

/**
 * What a document yields, or every problem that stops it: the one code path behind
 * `npm run deck`, the upload preview and saving, so all report the same problems for the same text.
 */
export function previewDeck(markdown: string, options: ParseDocumentOptions): PreviewResult {
  const built = tryBuildDeck(markdown, options);
  if (!built.ok) return built;
  return { ok: true, preview: previewOf(built.deck) };
}

/** The preview of a built deck: its summary, a sample of each kind, what the gate kept back. */
export function previewOf(deck: BuiltDeck): DeckPreview {
  const samples = new Map<QuestionKind, Question>();
  for (const question of deck.questions) {
    if (!samples.has(question.kind)) samples.set(question.kind, question);
  }
  const byRule = new Map<QualityRule, number>();
  for (const question of deck.dropped) {
    for (const rule of question.rules) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  return {
    summary: deck.summary,
    total: deck.questions.length,
    samples: [...samples.values()],
    dropped: {
      total: deck.dropped.length,
      byRule: [...byRule].map(([rule, count]) => ({
        rule,
        count,
        description: QUALITY_RULES[rule],
      })),
    },
  };
}
