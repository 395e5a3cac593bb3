import { describe, expect, it } from "vitest";
import { computeStreak, extendStreak } from "@/lib/core/stats";

describe("streak", () => {
  it("counts consecutive days ending today", () => {
    expect(computeStreak([1, 0, 2, 3, 1])).toEqual({
      current: 3,
      longest: 3,
      reachesWindowStart: false,
    });
  });

  it("keeps yesterday's streak while today has no reviews yet", () => {
    expect(computeStreak([0, 4, 4, 0]).current).toBe(2);
  });

  it("is broken by a day without reviews before yesterday", () => {
    expect(computeStreak([5, 5, 0, 0])).toEqual({
      current: 0,
      longest: 2,
      reachesWindowStart: false,
    });
  });

  it("is zero without any reviews and for an empty window", () => {
    expect(computeStreak([0, 0, 0]).current).toBe(0);
    expect(computeStreak([])).toEqual({ current: 0, longest: 0, reachesWindowStart: false });
  });

  it("reports a streak that reaches the window start, and extends it with older days", () => {
    const recent = computeStreak([1, 1, 1]);
    expect(recent).toEqual({ current: 3, longest: 3, reachesWindowStart: true });
    expect(extendStreak(recent, [0, 1, 2])).toEqual({
      current: 5,
      longest: 5,
      reachesWindowStart: false,
    });
    expect(extendStreak(recent, [1, 1]).reachesWindowStart).toBe(true);
    // Today not studied yet: the window minus today is what must be covered.
    expect(computeStreak([1, 1, 0]).reachesWindowStart).toBe(true);
    expect(extendStreak(computeStreak([0, 1, 1]), [1, 1])).toEqual(computeStreak([0, 1, 1]));
  });
});
