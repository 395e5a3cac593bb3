import { describe, expect, it } from "vitest";
import { NO_REVIEWS, computeRetention, recallRate, type DayReviewCounts } from "@/lib/core/stats";

function day(young: [number, number], mature: [number, number], reviews = 0): DayReviewCounts {
  return {
    reviews,
    young: { recalled: young[0], total: young[1] },
    mature: { recalled: mature[0], total: mature[1] },
  };
}

describe("true retention", () => {
  it("sums the last 7 / 30 / 365 study days, split young and mature", () => {
    const days: DayReviewCounts[] = Array.from({ length: 365 }, () => NO_REVIEWS);
    days[0] = day([1, 4], [0, 0]); // a year ago: only in the 365-day window
    days[300] = day([3, 4], [9, 10]); // two months ago
    days[340] = day([2, 2], [1, 1]); // 25 days ago
    days[364] = day([1, 2], [3, 4]); // today
    const [week, month, year] = computeRetention(days);
    expect(week).toEqual({
      days: 7,
      young: { recalled: 1, total: 2 },
      mature: { recalled: 3, total: 4 },
      all: { recalled: 4, total: 6 },
    });
    expect(month?.young).toEqual({ recalled: 3, total: 4 });
    expect(month?.mature).toEqual({ recalled: 4, total: 5 });
    expect(year?.young).toEqual({ recalled: 7, total: 12 });
    expect(year?.mature).toEqual({ recalled: 13, total: 15 });
  });

  it("has no rate without reviews", () => {
    expect(recallRate({ recalled: 0, total: 0 })).toBeNull();
    expect(recallRate({ recalled: 4, total: 5 })).toBe(0.8);
    const [week] = computeRetention([]);
    expect(week?.all).toEqual({ recalled: 0, total: 0 });
  });
});
