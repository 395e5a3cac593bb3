import { describe, expect, it } from "vitest";
import { SELF_GRADED_KINDS, type QuestionKind } from "@/lib/core/deck/types";
import {
  FAST_ANSWER_THRESHOLD_MS,
  Rating,
  isAutoGradedKind,
  proposeRating,
} from "@/lib/core/study";

const ALL_KINDS: QuestionKind[] = [
  "definition",
  "reverse-definition",
  "classify",
  "multiple-choice",
  "true-false",
  "cloze",
  "scenario",
  "matching",
  "explain",
];

describe("proposeRating", () => {
  it("has a threshold for exactly the kinds the core grades", () => {
    const thresholdKinds = Object.keys(FAST_ANSWER_THRESHOLD_MS).sort();
    const autoGraded = ALL_KINDS.filter((kind) => !SELF_GRADED_KINDS.includes(kind)).sort();
    expect(thresholdKinds).toEqual(autoGraded);
    expect(ALL_KINDS.filter(isAutoGradedKind).sort()).toEqual(autoGraded);
  });

  it("leaves self-graded kinds to the learner", () => {
    for (const kind of SELF_GRADED_KINDS) {
      expect(proposeRating({ kind, correct: true, durationMs: 1_000 })).toBeNull();
      expect(proposeRating({ kind, correct: false, durationMs: 1_000 })).toBeNull();
    }
  });

  it("maps wrong to Again, whatever the time", () => {
    expect(proposeRating({ kind: "true-false", correct: false, durationMs: 500 })).toBe(
      Rating.Again,
    );
    expect(proposeRating({ kind: "cloze", correct: false, durationMs: 60_000 })).toBe(Rating.Again);
  });

  it.each([
    ["true-false", 4_999, Rating.Easy],
    ["true-false", 5_000, Rating.Good],
    ["classify", 4_999, Rating.Easy],
    ["classify", 5_000, Rating.Good],
    ["multiple-choice", 7_999, Rating.Easy],
    ["multiple-choice", 8_000, Rating.Good],
    ["cloze", 11_999, Rating.Easy],
    ["cloze", 12_000, Rating.Good],
    ["matching", 11_999, Rating.Easy],
    ["matching", 12_000, Rating.Good],
  ] as const)("right %s in %i ms → %i", (kind, durationMs, expected) => {
    expect(proposeRating({ kind, correct: true, durationMs })).toBe(expected);
  });

  it("never calls an unknown or impossible duration fast", () => {
    for (const durationMs of [null, Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(proposeRating({ kind: "true-false", correct: true, durationMs })).toBe(Rating.Good);
    }
  });
});
