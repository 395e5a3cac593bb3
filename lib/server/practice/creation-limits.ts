import type { RateLimit } from "@/lib/core/rate-limits/rate-limit";
import type { Db } from "../db";
import { consumeRateLimits, type RateLimitCheck } from "../rate-limits/consume-rate-limits";

/**
 * Counts the start of a practice test or an interview against the learner's limit and, for a
 * guest, against its address's too: a script that drops its cookie gets a new guest, not a new
 * budget. Accounts are limited per address when they sign up, so only their own limit applies.
 */
export async function consumeCreationLimits(
  db: Db,
  options: {
    learnerId: string;
    address: string;
    perLearner: RateLimit;
    perGuestAddress: RateLimit;
    now: Date;
  },
): Promise<void> {
  const { learnerId, address, now } = options;
  const learner = await db.learner.findUnique({
    where: { id: learnerId },
    select: { userId: true },
  });
  const checks: RateLimitCheck[] = [{ limit: options.perLearner, key: learnerId }];
  if (learner?.userId === null) checks.push({ limit: options.perGuestAddress, key: address });
  await consumeRateLimits(db, { checks, now });
}
