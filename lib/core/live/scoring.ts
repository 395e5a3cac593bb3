import type { ScoringSettings } from "./settings";

/** Points of a right answer before the speed factor (Kahoot's "standard points"). */
export const BASE_POINTS = 1000;
/** An answer within this time after the question opened gets the full points. */
export const FULL_POINTS_MS = 500;
export const STREAK_STEP = 100;
export const STREAK_MAX_BONUS = 500;

export interface AnswerScore {
  points: number;
  /** Right answers in a row, this one included (0 after a wrong one). */
  streak: number;
}

/**
 * Kahoot's documented formula. A right answer earns
 *   round(BASE_POINTS × (1 − (t / T) / 2)),
 * t = server time from the question opening to the answer (paused time excluded), T = the time
 * limit; full points when t < 0.5 s; so between 1,000 and 500. A wrong answer earns 0 and ends
 * the streak. Streak bonus: + 100 × (streak − 1), at most + 500, where streak counts this answer
 * (the 2nd right answer in a row gets + 100, the 6th and later + 500). Switches: `points` off
 * scores 0 for everything; `speedBonus` off gives every right answer BASE_POINTS; `streakBonus`
 * off adds no bonus (the streak is still counted and shown).
 */
export function scoreAnswer(input: {
  correct: boolean;
  elapsedMs: number;
  limitMs: number;
  /** Right answers in a row before this question. */
  streakBefore: number;
  settings: ScoringSettings;
}): AnswerScore {
  const { correct, settings } = input;
  if (!correct) return { points: 0, streak: 0 };
  const streak = input.streakBefore + 1;
  if (!settings.points) return { points: 0, streak };
  const t = Math.min(Math.max(0, input.elapsedMs), input.limitMs);
  const factor = !settings.speedBonus || t < FULL_POINTS_MS ? 1 : 1 - t / input.limitMs / 2;
  const bonus = settings.streakBonus ? Math.min(STREAK_STEP * (streak - 1), STREAK_MAX_BONUS) : 0;
  return { points: Math.round(BASE_POINTS * factor) + bonus, streak };
}
