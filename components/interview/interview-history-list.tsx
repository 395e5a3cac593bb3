import Link from "next/link";
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
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <table className="kind-table history-table" data-testid="interview-history">
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
              <Link href={`/interview/${item.id}`}>{date.format(item.startedAt)}</Link>
            </td>
            <td>{item.deckTitle}</td>
            <td>
              {item.finishedAt
                ? `${item.covered} / ${item.total} (${percentOf(item.covered, item.total)}%)`
                : t.unfinished}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
