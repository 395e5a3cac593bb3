import { describe, expect, it } from "vitest";
import { MISSED_MAX_RATING, rankMissedQuestions } from "@/lib/core/classes";
import { RECALLED_MIN_RATING } from "@/lib/core/stats";

describe("questions the class misses most", () => {
  it("a miss is an Again: everything /stats does not count as recalled", () => {
    expect(MISSED_MAX_RATING).toBe(1);
    expect(MISSED_MAX_RATING + 1).toBe(RECALLED_MIN_RATING);
  });

  it("ranks by miss rate, with enough answers from enough students", () => {
    const ranked = rankMissedQuestions([
      { questionId: "half", answers: 10, misses: 5, learners: 4 },
      { questionId: "most", answers: 8, misses: 6, learners: 3 },
      // One student pressing Again again and again is not the class.
      { questionId: "alone", answers: 12, misses: 12, learners: 1 },
      // Too few answers to say.
      { questionId: "few", answers: 4, misses: 4, learners: 4 },
      { questionId: "never", answers: 30, misses: 0, learners: 9 },
      { questionId: "some", answers: 20, misses: 2, learners: 6 },
    ]);
    expect(ranked.map((q) => [q.questionId, q.missRate])).toEqual([
      ["most", 0.75],
      ["half", 0.5],
      ["some", 0.1],
    ]);
  });

  it("breaks ties by more misses, more students, then id, whatever the input order", () => {
    const rows = [
      { questionId: "b", answers: 10, misses: 5, learners: 3 },
      { questionId: "a", answers: 10, misses: 5, learners: 3 },
      { questionId: "more-students", answers: 10, misses: 5, learners: 5 },
      { questionId: "more-misses", answers: 20, misses: 10, learners: 2 },
    ];
    const expected = ["more-misses", "more-students", "a", "b"];
    expect(rankMissedQuestions(rows).map((q) => q.questionId)).toEqual(expected);
    expect(rankMissedQuestions([...rows].reverse()).map((q) => q.questionId)).toEqual(expected);
  });

  it("takes the sample and the limit as options", () => {
    const rows = [
      { questionId: "q1", answers: 2, misses: 2, learners: 1 },
      { questionId: "q2", answers: 3, misses: 1, learners: 2 },
    ];
    expect(rankMissedQuestions(rows)).toEqual([]);
    expect(
      rankMissedQuestions(rows, { minAnswers: 1, minLearners: 1 }).map((q) => q.questionId),
    ).toEqual(["q1", "q2"]);
    expect(
      rankMissedQuestions(rows, { minAnswers: 1, minLearners: 1, limit: 1 }).map(
        (q) => q.questionId,
      ),
    ).toEqual(["q1"]);
  });
});
