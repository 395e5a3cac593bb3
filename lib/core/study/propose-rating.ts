import { SELF_GRADED_KINDS, type QuestionKind } from "@/lib/core/deck/types";
import { Rating, type RatingValue } from "./rating";

/** Kinds the core grades itself. Kept in step with SELF_GRADED_KINDS by a unit test. */
export type AutoGradedKind = Exclude<QuestionKind, "definition" | "reverse-definition" | "explain">;

/**
 * Below this answer time a right answer counts as Easy. Longer for kinds with more to read or
 * type; a Record over every auto-graded kind so a new kind cannot be forgotten.
 */
export const FAST_ANSWER_THRESHOLD_MS: Readonly<Record<AutoGradedKind, number>> = {
  "true-false": 5_000,
  classify: 5_000,
  "multiple-choice": 8_000,
  cloze: 12_000,
  scenario: 10_000,
  matching: 12_000,
};

export function isAutoGradedKind(kind: QuestionKind): kind is AutoGradedKind {
  return !SELF_GRADED_KINDS.includes(kind);
}

export interface ProposeRatingInput {
  kind: QuestionKind;
  correct: boolean;
  /** Time from showing the question to the answer; null when unknown (never "fast"). */
  durationMs: number | null;
}

/**
 * The rating the core suggests for an auto-graded answer: wrong → Again, right → Good,
 * right and fast → Easy. Self-graded kinds get null: the learner rates after the reveal.
 */
export function proposeRating(input: ProposeRatingInput): RatingValue | null {
  if (!isAutoGradedKind(input.kind)) return null;
  if (!input.correct) return Rating.Again;
  const { durationMs } = input;
  const isFast =
    durationMs !== null &&
    Number.isFinite(durationMs) &&
    durationMs >= 0 &&
    durationMs < FAST_ANSWER_THRESHOLD_MS[input.kind];
  return isFast ? Rating.Easy : Rating.Good;
}
