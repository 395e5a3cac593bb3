import { layoutHeatmap, type HeatmapDay } from "@/lib/core/stats";
import { formatMessage } from "@/lib/i18n/format-message";

const CELL = 11;
const GAP = 3;
const STEP = CELL + GAP;
const LEFT = 28;
const TOP = 16;

/** Text for XML content or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * The heatmap's labels and cells as one SVG markup string. As React elements a year is ≈ 1,100
 * of them (a rect and a title per day), each serialized into the RSC payload with its props and
 * rendered again into the HTML. One string is written once to each, and the browser builds the
 * same elements from it (docs/PERFORMANCE.md, /stats).
 */
export function heatmapMarkup({
  days,
  today,
  locale,
  reviewsOn,
}: {
  days: readonly HeatmapDay[];
  today: string;
  locale: string;
  reviewsOn: string;
}): { width: number; height: number; markup: string } {
  const layout = layoutHeatmap(days);
  const monthName = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const dayName = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const fullDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const parts: string[] = [];
  const label = (x: number, y: number, text: string) =>
    parts.push(`<text x="${x}" y="${y}" class="heatmap-label">${escapeXml(text)}</text>`);
  // A month that starts in the last column or two has no room for its name before the next one.
  layout.months.forEach(({ week, year, month }, i) => {
    const next = layout.months[i + 1];
    if (next && next.week - week < 3) return;
    label(LEFT + week * STEP, TOP - 5, monthName.format(new Date(Date.UTC(year, month - 1, 1))));
  });
  // 2024-01-01 was a Monday: rows 0, 2, 4 are Monday, Wednesday, Friday.
  for (const row of [0, 2, 4]) {
    label(0, TOP + row * STEP + CELL - 1, dayName.format(new Date(Date.UTC(2024, 0, 1 + row))));
  }
  layout.weeks.forEach((week, column) =>
    week.forEach((cell, row) => {
      if (!cell) return;
      const title = formatMessage(reviewsOn, {
        date: fullDate.format(new Date(`${cell.key}T00:00:00Z`)),
        count: cell.reviews,
      });
      const className = `heat-${cell.level}${cell.key === today ? " heat-today" : ""}`;
      parts.push(
        `<rect x="${LEFT + column * STEP}" y="${TOP + row * STEP}" width="${CELL}" height="${CELL}" rx="2"` +
          ` class="${className}" data-day="${escapeXml(cell.key)}" data-reviews="${cell.reviews}">` +
          `<title>${escapeXml(title)}</title></rect>`,
      );
    }),
  );
  return {
    width: LEFT + layout.weeks.length * STEP,
    height: TOP + 7 * STEP,
    markup: parts.join(""),
  };
}

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
  const { width, height, markup } = heatmapMarkup({ days, today, locale, reviewsOn });
  return (
    <svg
      className="heatmap"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="heatmap"
      // Our own markup from numbers, day keys and escaped text (see heatmapMarkup).
      dangerouslySetInnerHTML={{ __html: markup }}
    />
  );
}
