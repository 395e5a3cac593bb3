import { HistoryTable } from "@/components/history-table";
import { percentOf } from "@/lib/core/practice/aspect-scores";
import type { Messages } from "@/lib/i18n/locales";
import type { PracticeHistoryItem } from "@/lib/server/practice/practice-queries";

export function PracticeHistoryList({
  items,
  t,
  locale,
}: {
  items: PracticeHistoryItem[];
  t: Messages["practice"];
  locale: string;
}) {
  const rows = items.map((item) => ({
    id: item.id,
    href: `/practice/${item.id}`,
    startedAt: item.startedAt,
    deckTitle: item.deckTitle,
    note: item.isRetry ? t.retryOf : undefined,
    result: item.finishedAt
      ? `${item.correct} / ${item.total} (${percentOf(item.correct, item.total)}%)`
      : `${t.unfinished} (${item.answered} / ${item.total})`,
  }));
  return <HistoryTable rows={rows} headings={t} locale={locale} testId="practice-history" />;
}
