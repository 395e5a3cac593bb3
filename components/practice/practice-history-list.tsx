import Link from "next/link";
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
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <table className="kind-table history-table" data-testid="practice-history">
      <thead>
        <tr>
          <th scope="col">{t.date}</th>
          <th scope="col">{t.deck}</th>
          <th scope="col">{t.score}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <Link href={`/practice/${item.id}`}>{date.format(item.startedAt)}</Link>
              {item.isRetry && <span className="muted small"> · {t.retryOf}</span>}
            </td>
            <td>{item.deckTitle}</td>
            <td>
              {item.finishedAt
                ? `${item.correct} / ${item.total} (${percentOf(item.correct, item.total)}%)`
                : `${t.unfinished} (${item.answered} / ${item.total})`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
