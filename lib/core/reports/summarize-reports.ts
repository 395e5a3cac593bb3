import type { ReportReason } from "./report-schemas";

export interface OpenReport {
  deckId: string;
  questionId: string;
  kind: string;
  prompt: string;
  reason: ReportReason;
  comment: string | null;
  updatedAt: Date;
}

export interface ReportedQuestion {
  deckId: string;
  questionId: string;
  kind: string;
  prompt: string;
  /** Open reports of this question. */
  count: number;
  /** How many of them give each reason, most frequent first. */
  reasons: { reason: ReportReason; count: number }[];
  /** The comment of the most recently updated report that has one. */
  latestComment: string | null;
  latestAt: Date;
}

/**
 * One line per reported question: by deck, then the most reported first, then the newest, so
 * whoever triages reads the worst questions first.
 */
export function summarizeReports(reports: readonly OpenReport[]): ReportedQuestion[] {
  const byQuestion = new Map<string, OpenReport[]>();
  for (const report of reports)
    byQuestion.set(report.questionId, [...(byQuestion.get(report.questionId) ?? []), report]);
  return [...byQuestion.values()]
    .map((group) => {
      const newestFirst = [...group].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
      const first = newestFirst[0]!;
      const reasonCounts = new Map<ReportReason, number>();
      for (const r of group) reasonCounts.set(r.reason, (reasonCounts.get(r.reason) ?? 0) + 1);
      return {
        deckId: first.deckId,
        questionId: first.questionId,
        kind: first.kind,
        prompt: first.prompt,
        count: group.length,
        reasons: [...reasonCounts.entries()]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
        latestComment: newestFirst.find((r) => r.comment)?.comment ?? null,
        latestAt: first.updatedAt,
      };
    })
    .sort(
      (a, b) =>
        a.deckId.localeCompare(b.deckId) ||
        b.count - a.count ||
        b.latestAt.getTime() - a.latestAt.getTime() ||
        a.questionId.localeCompare(b.questionId),
    );
}

/** The start of a text on one line, cut at a word where possible, with "…" when cut. */
export function excerpt(text: string, maxLength: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= maxLength) return line;
  const cut = line.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > maxLength / 2 ? cut.slice(0, space) : cut}…`;
}
