import type { ReactNode } from "react";

/**
 * The text alternative of a chart: its figures as a table, folded under a <details> so the page
 * stays short; screen readers and keyboard users open it like any disclosure.
 */
export function TableDetails({
  summary,
  caption,
  head,
  rows,
  testId,
}: {
  summary: string;
  caption: string;
  head: readonly string[];
  rows: readonly (readonly ReactNode[])[];
  testId?: string;
}) {
  return (
    <details className="chart-table">
      <summary>{summary}</summary>
      <table className="stats-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
