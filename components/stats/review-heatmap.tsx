import { layoutHeatmap, type HeatmapDay } from "@/lib/core/stats";
import { formatMessage } from "@/lib/i18n/format-message";

const CELL = 11;
const GAP = 3;
const STEP = CELL + GAP;
const LEFT = 28;
const TOP = 16;

/**
 * Reviews per study day as a GitHub-style calendar (weeks as columns, Monday on top), drawn as
 * plain SVG on the server: no chart library has a calendar, and it needs no JavaScript. Every
 * cell has a <title> with its date and count; the table next to it is the text alternative.
 */
export function ReviewHeatmap({
  days,
  today,
  locale,
  label,
  reviewsOn,
}: {
  days: readonly HeatmapDay[];
  today: string;
  locale: string;
  label: string;
  /** "{date}: {count} answers". */
  reviewsOn: string;
}) {
  const layout = layoutHeatmap(days);
  const width = LEFT + layout.weeks.length * STEP;
  const height = TOP + 7 * STEP;
  const monthName = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const dayName = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const fullDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  // A month that starts in the last column or two has no room for its name before the next one.
  const monthLabels = layout.months.filter((m, i) => {
    const next = layout.months[i + 1];
    return !next || next.week - m.week >= 3;
  });
  const asDate = (key: string) => new Date(`${key}T00:00:00Z`);
  // 2024-01-01 was a Monday: rows 0, 2, 4 are Monday, Wednesday, Friday.
  const weekdayLabels = [0, 2, 4].map((row) => ({
    row,
    text: dayName.format(new Date(Date.UTC(2024, 0, 1 + row))),
  }));
  return (
    <svg
      className="heatmap"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="heatmap"
    >
      {monthLabels.map(({ week, year, month }) => (
        <text key={`${year}-${month}`} x={LEFT + week * STEP} y={TOP - 5} className="heatmap-label">
          {monthName.format(new Date(Date.UTC(year, month - 1, 1)))}
        </text>
      ))}
      {weekdayLabels.map(({ row, text }) => (
        <text key={row} x={0} y={TOP + row * STEP + CELL - 1} className="heatmap-label">
          {text}
        </text>
      ))}
      {layout.weeks.map((week, column) =>
        week.map((cell, row) =>
          cell ? (
            <rect
              key={cell.key}
              x={LEFT + column * STEP}
              y={TOP + row * STEP}
              width={CELL}
              height={CELL}
              rx={2}
              className={`heat-${cell.level}${cell.key === today ? " heat-today" : ""}`}
              data-day={cell.key}
              data-reviews={cell.reviews}
            >
              <title>
                {formatMessage(reviewsOn, {
                  date: fullDate.format(asDate(cell.key)),
                  count: cell.reviews,
                })}
              </title>
            </rect>
          ) : null,
        ),
      )}
    </svg>
  );
}
