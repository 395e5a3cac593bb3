import { describe, expect, it } from "vitest";
import { scoreAnswer } from "@/lib/core/live/scoring";

const ALL = { points: true, speedBonus: true, streakBonus: true };
const score = (over: Partial<Parameters<typeof scoreAnswer>[0]>) =>
  scoreAnswer({
    correct: true,
    elapsedMs: 0,
    limitMs: 20_000,
    streakBefore: 0,
    settings: ALL,
    ...over,
  });

describe("scoreAnswer (Kahoot's formula)", () => {
  it("gives full points under half a second and 1000 × (1 − (t/T)/2) after", () => {
    expect(score({ elapsedMs: 0 }).points).toBe(1000);
    expect(score({ elapsedMs: 499 }).points).toBe(1000);
    expect(score({ elapsedMs: 500 }).points).toBe(Math.round(1000 * (1 - 500 / 20_000 / 2)));
    expect(score({ elapsedMs: 10_000 }).points).toBe(750);
    expect(score({ elapsedMs: 20_000 }).points).toBe(500);
    // Never below half, whatever the clock says.
    expect(score({ elapsedMs: 99_000 }).points).toBe(500);
  });

  it("scores a wrong answer 0 and ends the streak", () => {
    expect(score({ correct: false, streakBefore: 4 })).toEqual({ points: 0, streak: 0 });
  });

  it("adds 100 per right answer in a row after the first, at most 500", () => {
    expect(score({ streakBefore: 0 })).toEqual({ points: 1000, streak: 1 });
    expect(score({ streakBefore: 1 })).toEqual({ points: 1100, streak: 2 });
    expect(score({ streakBefore: 4 })).toEqual({ points: 1400, streak: 5 });
    expect(score({ streakBefore: 5 })).toEqual({ points: 1500, streak: 6 });
    expect(score({ streakBefore: 30 })).toEqual({ points: 1500, streak: 31 });
  });

  it("switches each part off", () => {
    expect(score({ elapsedMs: 10_000, settings: { ...ALL, speedBonus: false } }).points).toBe(1000);
    expect(score({ streakBefore: 3, settings: { ...ALL, streakBonus: false } })).toEqual({
      points: 1000,
      streak: 4,
    });
    expect(score({ streakBefore: 3, settings: { ...ALL, points: false } })).toEqual({
      points: 0,
      streak: 4,
    });
  });
});
