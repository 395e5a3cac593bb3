import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReviewHeatmap, escapeXml, heatmapMarkup } from "@/components/stats/review-heatmap";
import { layoutHeatmap, type HeatmapDay } from "@/lib/core/stats";
import { formatMessage } from "@/lib/i18n/format-message";

/**
 * The heatmap as React elements, as the component drew it before it became one markup string:
 * the reference the string must equal, byte for byte, once React has rendered both.
 */
function referenceHeatmap(props: {
  days: HeatmapDay[];
  today: string;
  locale: string;
  label: string;
  reviewsOn: string;
}) {
  const layout = layoutHeatmap(props.days);
  const utc = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(props.locale, { ...options, timeZone: "UTC" });
  const [monthName, dayName, fullDate] = [
    utc({ month: "short" }),
    utc({ weekday: "short" }),
    utc({ dateStyle: "medium" }),
  ];
  const months = layout.months.filter((m, i) => {
    const next = layout.months[i + 1];
    return !next || next.week - m.week >= 3;
  });
  return h(
    "svg",
    {
      className: "heatmap",
      viewBox: `0 0 ${28 + layout.weeks.length * 14} ${16 + 7 * 14}`,
      role: "img",
      "aria-label": props.label,
      "data-testid": "heatmap",
    },
    months.map(({ week, year, month }) =>
      h(
        "text",
        { key: `${year}-${month}`, x: 28 + week * 14, y: 11, className: "heatmap-label" },
        monthName.format(new Date(Date.UTC(year, month - 1, 1))),
      ),
    ),
    [0, 2, 4].map((row) =>
      h(
        "text",
        { key: row, x: 0, y: 16 + row * 14 + 10, className: "heatmap-label" },
        dayName.format(new Date(Date.UTC(2024, 0, 1 + row))),
      ),
    ),
    layout.weeks.map((week, column) =>
      week.map((cell, row) =>
        cell
          ? h(
              "rect",
              {
                key: cell.key,
                x: 28 + column * 14,
                y: 16 + row * 14,
                width: 11,
                height: 11,
                rx: 2,
                className: `heat-${cell.level}${cell.key === props.today ? " heat-today" : ""}`,
                "data-day": cell.key,
                "data-reviews": cell.reviews,
              },
              h(
                "title",
                null,
                formatMessage(props.reviewsOn, {
                  date: fullDate.format(new Date(`${cell.key}T00:00:00Z`)),
                  count: cell.reviews,
                }),
              ),
            )
          : null,
      ),
    ),
  );
}

const yearFrom = (first: string, reviews: (i: number) => number): HeatmapDay[] =>
  Array.from({ length: 365 }, (_, i) => {
    const day = new Date(`${first}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + i);
    return { key: day.toISOString().slice(0, 10), reviews: reviews(i) };
  });

describe("the heatmap as one markup string", () => {
  it("renders exactly the elements the React tree did, in every locale and any year", () => {
    const cases = [
      { first: "2025-01-03", locale: "ru", reviews: (i: number) => (i * 7) % 13 },
      { first: "2025-12-01", locale: "en", reviews: (i: number) => (i % 5 === 0 ? 40 : i % 3) },
      // A first month of one or two columns loses its label; an idle year is all level 0.
      { first: "2024-03-30", locale: "en", reviews: () => 0 },
      { first: "2025-11-19", locale: "ru", reviews: (i: number) => i % 2 },
    ];
    for (const { first, locale, reviews } of cases) {
      const days = yearFrom(first, reviews);
      const props = {
        days,
        today: days[364]?.key ?? "",
        locale,
        label: 'Answers <per> day & "more"',
        // A translation may hold markup characters: they must stay text.
        reviewsOn: '{date}: {count} <b>answers</b> & "more"',
      };
      expect(renderToStaticMarkup(h(ReviewHeatmap, props))).toBe(
        renderToStaticMarkup(referenceHeatmap(props)),
      );
    }
  });

  it("escapes every markup character of text and attribute values", () => {
    expect(escapeXml(`<a href="x">&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;",
    );
    const { markup } = heatmapMarkup({
      days: [{ key: "2026-01-05", reviews: 3 }],
      today: "2026-01-05",
      locale: "en",
      reviewsOn: "<script>{count}</script>",
    });
    expect(markup).not.toContain("<script>");
    expect(markup).toContain("<title>&lt;script&gt;3&lt;/script&gt;</title>");
    expect(markup.match(/<rect /g)).toHaveLength(1);
  });
});
