import { retryAfterSeconds, type RateLimit } from "@/lib/core/rate-limits/rate-limit";
import type { Db } from "../db";
import { RateLimitedError } from "../errors";
import { LONGEST_WINDOW_MS, RATE_LIMITS } from "./limits";

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
  await pruneRateLimitEvents(db, { extra: checks.map((c) => c.limit), now });
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
    const limit = checks.find((_, i) => waits[i] === wait)?.limit.bucket ?? "";
    throw new RateLimitedError(
      `too many requests; try again in ${Math.ceil(wait / 60)} min`,
      wait,
      limit,
    );
  }
  return myIds;
}

/**
 * Deletes every event that no window counts any more, of every bucket, not only the ones this
 * request checks: a limit whose feature goes quiet (or is renamed) leaves nothing behind. So the
 * table holds at most the requests of one window of each limit. `extra`: limits not (or not
 * yet) in RATE_LIMITS, e.g. injected by a test; an unknown bucket lives for the longest window.
 */
export async function pruneRateLimitEvents(
  db: Db,
  options: { extra?: readonly RateLimit[]; now: Date },
): Promise<number> {
  const { now } = options;
  const windows = new Map<string, number>();
  for (const limit of [...Object.values(RATE_LIMITS), ...(options.extra ?? [])]) {
    windows.set(limit.bucket, Math.max(windows.get(limit.bucket) ?? 0, limit.windowMs));
  }
  const before = (ms: number) => ({ lte: new Date(now.getTime() - ms) });
  const { count } = await db.rateLimitEvent.deleteMany({
    where: {
      OR: [
        ...[...windows].map(([bucket, windowMs]) => ({ bucket, createdAt: before(windowMs) })),
        { bucket: { notIn: [...windows.keys()] }, createdAt: before(LONGEST_WINDOW_MS) },
      ],
    },
  });
  return count;
}
