import { secondsUntilOutOfWindow, type RateLimit } from "@/lib/core/rate-limits/rate-limit";
import { RateLimitedError } from "../errors";

/*
 * Limits on answers are counted from the answer rows themselves, which every answer stores
 * anyway: the hot path pays one indexed read, run alongside its other reads, instead of writing
 * and reading RateLimitEvent rows. The read asks for the learner's max-th most recent answer
 * inside the window (newest first, skipping max - 1): it exists exactly when the limit is
 * reached, and the request may go on once it leaves the window. Concurrent submits of
 * one learner may each pass the read before the others write, so a learner can overshoot by the
 * requests they have in flight; the next window then starts full.
 */

/** The oldest moment an answer still counts at `now`. */
export function answerWindowStart(limit: RateLimit, now: Date): Date {
  return new Date(now.getTime() - limit.windowMs);
}

/** Throws RateLimitedError while `blockingAt` (the max-th most recent answer) is in the window. */
export function assertUnderAnswerLimit(
  limit: RateLimit,
  blockingAt: Date | null | undefined,
  now: Date,
): void {
  if (!blockingAt || blockingAt <= answerWindowStart(limit, now)) return;
  const wait = secondsUntilOutOfWindow(limit, blockingAt, now);
  throw new RateLimitedError(
    `at most ${limit.max} answers in ${limit.windowMs / 1000} s; try again in ${wait} s`,
    wait,
    limit.bucket,
  );
}
