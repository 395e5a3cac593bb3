import { retryAfterSeconds, type RateLimit } from "@/lib/core/rate-limits/rate-limit";
import type { Db } from "../db";
import { RateLimitedError } from "../errors";

export interface RateLimitCheck {
  limit: RateLimit;
  /** Whom this request counts against: a learner id, a client address. */
  key: string;
}

/**
 * Counts one request against every check, or throws RateLimitedError (nothing counted) when any
 * is over its limit. Stored in the database, so every app instance shares the counts. Returns
 * the ids of the events it recorded, for a limit that only counts failures: the caller counts
 * first (so concurrent requests see each other) and deletes them once the request succeeded.
 *
 * The request is recorded first and counted after, without a transaction: two instances racing
 * at the limit both see each other's row and both refuse, so the limit is never exceeded (at
 * worst one request too few passes). That holds on SQLite and PostgreSQL alike.
 */
export async function consumeRateLimits(
  db: Db,
  options: { checks: readonly RateLimitCheck[]; now: Date },
): Promise<string[]> {
  const { checks, now } = options;
  const windowStart = (limit: RateLimit) => new Date(now.getTime() - limit.windowMs);
  // Rows that no window counts any more; keeps the table at about an hour of requests.
  await db.rateLimitEvent.deleteMany({
    where: {
      OR: checks.map(({ limit }) => ({
        bucket: limit.bucket,
        createdAt: { lte: windowStart(limit) },
      })),
    },
  });
  const mine = await db.rateLimitEvent.createManyAndReturn({
    data: checks.map(({ limit, key }) => ({ bucket: limit.bucket, key, createdAt: now })),
    select: { id: true },
  });
  const myIds = mine.map((row) => row.id);
  const waits = await Promise.all(
    checks.map(async ({ limit, key }) => {
      const others = await db.rateLimitEvent.findMany({
        where: {
          bucket: limit.bucket,
          key,
          createdAt: { gt: windowStart(limit) },
          id: { notIn: myIds },
        },
        orderBy: { createdAt: "desc" },
        take: limit.max,
        select: { createdAt: true },
      });
      return retryAfterSeconds(
        limit,
        others.map((row) => row.createdAt),
        now,
      );
    }),
  );
  const wait = Math.max(0, ...waits.map((w) => w ?? 0));
  if (wait > 0) {
    // A refused request does not count, so Retry-After stays true for a client that keeps trying.
    await db.rateLimitEvent.deleteMany({ where: { id: { in: myIds } } });
    throw new RateLimitedError(`too many requests; try again in ${Math.ceil(wait / 60)} min`, wait);
  }
  return myIds;
}
