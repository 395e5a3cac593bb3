import { describe, expect, it } from "vitest";
import { computeMastery, findWeakest } from "@/lib/core/stats";

const questions = [
  { id: "q1", deckId: "ru", aspect: "networking", concepts: ["pod"] },
  { id: "q2", deckId: "ru", aspect: "networking", concepts: ["container"] },
  { id: "q3", deckId: "ru", aspect: "isolation", concepts: ["container", "pod"] },
  { id: "q4", deckId: "en", aspect: "isolation", concepts: ["pod"] },
];

describe("mastery", () => {
  it("shares recalled answers per aspect and per concept of each deck", () => {
    const decks = computeMastery(
      [
        { questionId: "q1", rating: 3, count: 4 },
        { questionId: "q1", rating: 1, count: 1 },
        { questionId: "q2", rating: 2, count: 3 },
        { questionId: "q3", rating: 1, count: 2 },
        { questionId: "q3", rating: 4, count: 2 },
        { questionId: "q4", rating: 1, count: 1 },
        { questionId: "unknown", rating: 3, count: 9 },
      ],
      questions,
    );
    expect(decks.map((d) => d.deckId)).toEqual(["en", "ru"]);
    const ru = decks[1];
    expect(ru?.aspects).toEqual([
      { key: "isolation", recalled: 2, total: 4 },
      { key: "networking", recalled: 7, total: 8 },
    ]);
    // q3 tests both concepts: it counts for each.
    expect(ru?.concepts).toEqual([
      { key: "container", recalled: 5, total: 7 },
      { key: "pod", recalled: 6, total: 9 },
    ]);
    expect(ru?.weakestAspect?.key).toBe("isolation");
    expect(decks[0]?.weakestAspect).toEqual({ key: "isolation", recalled: 0, total: 1 });
  });

  it("breaks a tie by more answers, then by key", () => {
    expect(
      findWeakest([
        { key: "b", recalled: 1, total: 2 },
        { key: "a", recalled: 2, total: 4 },
        { key: "c", recalled: 3, total: 4 },
      ])?.key,
    ).toBe("a");
    expect(
      findWeakest([
        { key: "b", recalled: 1, total: 2 },
        { key: "a", recalled: 1, total: 2 },
      ])?.key,
    ).toBe("a");
    expect(findWeakest([])).toBeNull();
  });
});
