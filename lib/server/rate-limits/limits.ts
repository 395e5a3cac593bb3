import type { RateLimit } from "@/lib/core/rate-limits/rate-limit";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Every limit stored in RateLimitEvent, in one place (the README lists them). Per learner is the
 * tight one; per address is looser because a classroom or an office shares one.
 */
export const RATE_LIMITS = {
  questionReportsPerLearner: { bucket: "question-reports:learner", max: 10, windowMs: HOUR_MS },
  questionReportsPerAddress: { bucket: "question-reports:address", max: 30, windowMs: HOUR_MS },
} as const satisfies Record<string, RateLimit>;
