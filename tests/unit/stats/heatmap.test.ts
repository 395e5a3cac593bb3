import { describe, expect, it } from "vitest";
import { heatLevel, layoutHeatmap, summarizeMonths } from "@/lib/core/stats";
import { formatMessage } from "@/lib/i18n/format-message";

describe("calendar heatmap", () => {
  it("puts days in Monday-first week columns, padded at both ends", () => {
    // 2026-02-25 is a Wednesday; 2026-03-02 a Monday.
    const days = [
      "2026-02-25",
      "2026-02-26",
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ];
    const layout = layoutHeatmap(days.map((key, i) => ({ key, reviews: i })));
    expect(layout.weeks).toHaveLength(2);
    expect(layout.weeks[0]?.map((c) => c?.key ?? null)).toEqual([
      null,
      null,
      "2026-02-25",
      "2026-02-26",
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
    expect(layout.weeks[1]?.map((c) => c?.key ?? null)).toEqual([
      "2026-03-02",
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(layout.maxReviews).toBe(5);
    expect(layout.months).toEqual([
      { week: 0, year: 2026, month: 2 },
      { week: 1, year: 2026, month: 3 },
    ]);
  });

  it("grades levels against the busiest day", () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(3, 10)).toBe(2);
    expect(heatLevel(7, 10)).toBe(3);
    expect(heatLevel(10, 10)).toBe(4);
    expect(layoutHeatmap([]).weeks).toEqual([]);
  });

  it("lays a year out in 53 or 54 columns of 7", () => {
    const days = Array.from({ length: 365 }, (_, i) => ({
      key: new Date(Date.UTC(2025, 2, 3 + i)).toISOString().slice(0, 10),
      reviews: i % 3,
    }));
    const layout = layoutHeatmap(days);
    expect(layout.weeks.length).toBeGreaterThanOrEqual(53);
    expect(layout.weeks.every((w) => w.length === 7)).toBe(true);
    expect(layout.weeks.flat().filter(Boolean)).toHaveLength(365);
    expect(layout.months).toHaveLength(13);
  });
});

describe("the heatmap as a table", () => {
  it("sums reviews and days with reviews per month, oldest first", () => {
    const days = [
      { key: "2026-01-30", reviews: 4 },
      { key: "2026-01-31", reviews: 0 },
      { key: "2026-02-01", reviews: 2 },
      { key: "2026-02-02", reviews: 3 },
      { key: "2026-02-03", reviews: 0 },
    ];
    expect(summarizeMonths(days)).toEqual([
      { month: "2026-01", reviews: 4, activeDays: 1 },
      { month: "2026-02", reviews: 5, activeDays: 2 },
    ]);
    expect(summarizeMonths([])).toEqual([]);
  });

  it("fills message placeholders and leaves unknown ones alone", () => {
    expect(formatMessage("{date}: {count} answers", { date: "Mar 9", count: 3 })).toBe(
      "Mar 9: 3 answers",
    );
    expect(formatMessage("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
