import Link from "next/link";

export interface HistoryRow {
  id: string;
  href: string;
  startedAt: Date;
  deckTitle: string;
  /** Shown after the date, e.g. "retry of mistakes". */
  note?: string;
  result: string;
}

/** Past practice tests or interviews, newest first: date (a link), deck, result. */
export function HistoryTable({
  rows,
  headings,
  locale,
  testId,
}: {
  rows: HistoryRow[];
  headings: { date: string; deck: string; score: string };
  locale: string;
  testId: string;
}) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <table className="kind-table history-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{headings.date}</th>
          <th scope="col">{headings.deck}</th>
          <th scope="col">{headings.score}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <Link href={row.href}>{date.format(row.startedAt)}</Link>
              {row.note && <span className="muted small"> · {row.note}</span>}
            </td>
            <td>{row.deckTitle}</td>
            <td>{row.result}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
