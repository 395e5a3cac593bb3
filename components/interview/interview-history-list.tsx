import { HistoryTable } from "@/components/history-table";
import { percentOf } from "@/lib/core/practice/aspect-scores";
import type { Messages } from "@/lib/i18n/locales";
import type { InterviewHistoryItem } from "@/lib/server/practice/interview-queries";

export function InterviewHistoryList({
  items,
  t,
  locale,
}: {
  items: InterviewHistoryItem[];
  t: Messages["interview"];
  locale: string;
}) {
  const rows = items.map((item) => ({
    id: item.id,
    href: `/interview/${item.id}`,
    startedAt: item.startedAt,
    deckTitle: item.deckTitle,
    result: item.finishedAt
      ? `${item.covered} / ${item.total} (${percentOf(item.covered, item.total)}%)`
      : t.unfinished,
  }));
  return <HistoryTable rows={rows} headings={t} locale={locale} testId="interview-history" />;
}
