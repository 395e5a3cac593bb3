import { describe, expect, it } from "vitest";
import {
  RETENTION_WINDOWS,
  firstDayOfWindow,
  recallRate,
  toRetentionWindow,
} from "@/lib/core/stats";

describe("true retention", () => {
  it("adds young and mature answers up to all of the window's", () => {
    expect(toRetentionWindow(7, { recalled: 1, total: 2 }, { recalled: 3, total: 4 })).toEqual({
      days: 7,
      young: { recalled: 1, total: 2 },
      mature: { recalled: 3, total: 4 },
      all: { recalled: 4, total: 6 },
    });
  });

  it("starts each window that many days back, today included", () => {
    const days = Array.from({ length: 365 }, (_, i) => i);
    expect(RETENTION_WINDOWS.map((size) => firstDayOfWindow(days, size))).toEqual([358, 335, 0]);
    expect(firstDayOfWindow([5, 6], 7)).toBe(5);
    expect(firstDayOfWindow([], 7)).toBeUndefined();
  });

  it("has no rate without reviews", () => {
    expect(recallRate({ recalled: 0, total: 0 })).toBeNull();
    expect(recallRate({ recalled: 4, total: 5 })).toBe(0.8);
  });
});
