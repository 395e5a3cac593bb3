import type { RateLimit } from "@/lib/core/rate-limits/rate-limit";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Every limit stored in RateLimitEvent, in one place (the README lists them). Per learner is the
 * tight one; per address is looser because a classroom or an office shares one.
 */
export const RATE_LIMITS = {
  questionReportsPerLearner: { bucket: "question-reports:learner", max: 10, windowMs: HOUR_MS },
  questionReportsPerAddress: { bucket: "question-reports:address", max: 30, windowMs: HOUR_MS },
  /**
   * Join codes that match no class (a matched code is taken back: a class of 30 behind one
   * school address joins freely). 20 per 10 minutes leaves room for typos and makes guessing one
   * of 31^8 codes hopeless; see lib/core/classes/join-code.ts.
   */
  joinCodeAttemptsPerAddress: { bucket: "join-code:address", max: 20, windowMs: HOUR_MS / 6 },
} as const satisfies Record<string, RateLimit>;
