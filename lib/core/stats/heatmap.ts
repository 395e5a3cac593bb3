export interface HeatmapDay {
  /** "YYYY-MM-DD" of the study day. */
  key: string;
  reviews: number;
}

export interface HeatmapCell extends HeatmapDay {
  /** 0 for no reviews, then 1–4 by share of the busiest day. */
  level: 0 | 1 | 2 | 3 | 4;
}

export interface HeatmapLayout {
  /** Columns of seven rows, Monday first; null pads the first and last week. */
  weeks: (HeatmapCell | null)[][];
  /** The week columns where a month begins, for labels. */
  months: { week: number; year: number; month: number }[];
  maxReviews: number;
}

/** Day of the week of a "YYYY-MM-DD" key, Monday 0 … Sunday 6 (ISO order). */
function weekdayOf(key: string): number {
  return (new Date(`${key}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function heatLevel(reviews: number, maxReviews: number): HeatmapCell["level"] {
  if (reviews <= 0 || maxReviews <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * reviews) / maxReviews))) as HeatmapCell["level"];
}

/** Lays consecutive days (oldest first) out as a calendar: one column per week. */
export function layoutHeatmap(days: readonly HeatmapDay[]): HeatmapLayout {
  const maxReviews = days.reduce((max, day) => Math.max(max, day.reviews), 0);
  const first = days[0];
  const cells: (HeatmapCell | null)[] = [
    ...Array.from({ length: first ? weekdayOf(first.key) : 0 }, () => null),
    ...days.map((day) => ({ ...day, level: heatLevel(day.reviews, maxReviews) })),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));

  // A column is labelled when its first day opens a new month (GitHub's calendar does the same).
  const months: HeatmapLayout["months"] = [];
  let previous = "";
  weeks.forEach((week, index) => {
    const month = week.find((cell) => cell !== null)?.key.slice(0, 7) ?? previous;
    if (month !== previous) {
      months.push({ week: index, year: Number(month.slice(0, 4)), month: Number(month.slice(5)) });
      previous = month;
    }
  });
  return { weeks, months, maxReviews };
}

export interface MonthSummary {
  /** "YYYY-MM". */
  month: string;
  reviews: number;
  activeDays: number;
}

/** Reviews and days with reviews per calendar month, oldest first: the heatmap as a table. */
export function summarizeMonths(days: readonly HeatmapDay[]): MonthSummary[] {
  const months: MonthSummary[] = [];
  for (const day of days) {
    const month = day.key.slice(0, 7);
    let last = months.at(-1);
    if (last?.month !== month) {
      last = { month, reviews: 0, activeDays: 0 };
      months.push(last);
    }
    last.reviews += day.reviews;
    if (day.reviews > 0) last.activeDays += 1;
  }
  return months;
}
