import { describe, expect, it } from "vitest";
import type { AspectKey } from "@/lib/core/deck/types";
import { reportWeakSpots } from "@/lib/core/practice/aspect-scores";
import { ratePracticeAnswer, scorePracticeTest } from "@/lib/core/practice/score-test";
import { Rating } from "@/lib/core/study";

const q = (id: string, aspect: AspectKey) => ({
  id,
  tags: { concepts: ["pod"], aspect },
});

describe("scoring a practice test", () => {
  const questions = [
    q("a", "isolation"),
    q("b", "networking"),
    q("c", "isolation"),
    q("d", "lifecycle"),
    q("e", "networking"),
  ];

  it("counts right answers, per aspect in order of appearance, and lists the missed ones", () => {
    const score = scorePracticeTest(questions, [
      { questionId: "e", correct: true },
      { questionId: "a", correct: true },
      { questionId: "b", correct: false },
      { questionId: "c", correct: false },
    ]);
    expect(score).toMatchObject({ total: 5, answered: 4, correct: 2, percent: 40 });
    expect(score.byAspect).toEqual([
      { aspect: "isolation", earned: 1, possible: 2 },
      { aspect: "networking", earned: 1, possible: 2 },
      { aspect: "lifecycle", earned: 0, possible: 1 },
    ]);
    // In test order, not answer order; the unanswered one is not "missed".
    expect(score.missedQuestionIds).toEqual(["b", "c"]);
    expect(score.unansweredQuestionIds).toEqual(["d"]);
  });

  it("scores an empty test as zero without dividing by zero", () => {
    expect(scorePracticeTest([], [])).toMatchObject({ total: 0, correct: 0, percent: 0 });
  });

  it("rates auto-graded answers like study mode and self-graded ones by the learner's verdict", () => {
    expect(ratePracticeAnswer({ kind: "true-false", correct: false, durationMs: 1000 })).toBe(
      Rating.Again,
    );
    expect(ratePracticeAnswer({ kind: "true-false", correct: true, durationMs: 1000 })).toBe(
      Rating.Easy,
    );
    expect(ratePracticeAnswer({ kind: "cloze", correct: true, durationMs: 60_000 })).toBe(
      Rating.Good,
    );
    expect(ratePracticeAnswer({ kind: "explain", correct: true, durationMs: 1000 })).toBe(
      Rating.Good,
    );
    expect(ratePracticeAnswer({ kind: "definition", correct: false, durationMs: 1000 })).toBe(
      Rating.Again,
    );
  });

  it("splits aspects into strong and weak at 75 %, weakest first", () => {
    const report = reportWeakSpots([
      { aspect: "isolation", earned: 3, possible: 4 },
      { aspect: "networking", earned: 1, possible: 4 },
      { aspect: "lifecycle", earned: 0, possible: 2 },
      { aspect: "scaling", earned: 2, possible: 2 },
      { aspect: "resources", earned: 0, possible: 0 },
    ]);
    expect(report.strong.map((s) => s.aspect)).toEqual(["scaling", "isolation"]);
    expect(report.weak.map((s) => s.aspect)).toEqual(["lifecycle", "networking"]);
  });
});
