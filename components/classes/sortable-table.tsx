"use client";

import { useState } from "react";

export interface SortableCell {
  /** What the cell shows. */
  text: string;
  /** What it sorts by; null sorts last in either direction. */
  value: number | string | null;
  /** A class for the cell (a status colour); the text always says the same. */
  className?: string;
}

export interface SortableRow {
  key: string;
  /** The first cell is the row's header (the student's name). */
  cells: SortableCell[];
}

type Direction = "ascending" | "descending";

/**
 * A real table whose column headings are buttons: pressing one (mouse, Enter or Space) sorts
 * by that column, pressing it again reverses; `aria-sort` tells screen readers the order. The
 * server renders it sorted by the first column, so it reads the same before scripts load.
 */
export function SortableTable({
  caption,
  columns,
  rows,
  sortLabel,
  locale,
  testId,
}: {
  caption: string;
  columns: string[];
  rows: SortableRow[];
  /** "Sort by {column}" */
  sortLabel: string;
  /** The page's language: the server and the browser then sort names alike. */
  locale: string;
  testId?: string;
}) {
  const [sort, setSort] = useState<{ column: number; direction: Direction }>({
    column: 0,
    direction: "ascending",
  });
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const sign = sort.direction === "ascending" ? 1 : -1;
  const sorted = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row.cells[sort.column]?.value ?? null;
      const y = b.row.cells[sort.column]?.value ?? null;
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      const order =
        typeof x === "number" && typeof y === "number"
          ? x - y
          : collator.compare(String(x), String(y));
      return sign * order || a.index - b.index;
    })
    .map(({ row }) => row);
  const press = (column: number) =>
    setSort((current) => ({
      column,
      direction:
        current.column === column && current.direction === "ascending" ? "descending" : "ascending",
    }));
  return (
    <table className="dashboard-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((label, column) => (
            <th
              key={label}
              scope="col"
              aria-sort={sort.column === column ? sort.direction : "none"}
            >
              <button
                type="button"
                className="sort-button"
                onClick={() => press(column)}
                title={sortLabel.replace("{column}", label)}
              >
                {label}
                <span aria-hidden="true" className="sort-mark">
                  {sort.column === column ? (sort.direction === "ascending" ? " ▲" : " ▼") : " ↕"}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, column) =>
              column === 0 ? (
                <th key={column} scope="row" className={cell.className}>
                  {cell.text}
                </th>
              ) : (
                <td key={column} className={cell.className}>
                  {cell.text}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
