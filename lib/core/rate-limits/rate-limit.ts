/** Whom a limit counts: a learner (guest or account), a client address, or an account. */
export type RateLimitScope = "learner" | "address" | "user";

/** At most `max` requests per `windowMs`, counted per key (a learner, an address) in `bucket`. */
export interface RateLimit {
  bucket: string;
  max: number;
  windowMs: number;
  per: RateLimitScope;
}

/** Seconds until something that happened `at` leaves the limit's window (at least 1). */
export function secondsUntilOutOfWindow(limit: RateLimit, at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() + limit.windowMs - now.getTime()) / 1000));
}

/**
 * Seconds until one more request fits, or null when it fits now. `recent` are the times of the
 * requests already counted in the window (any order).
 */
export function retryAfterSeconds(
  limit: RateLimit,
  recent: readonly Date[],
  now: Date,
): number | null {
  const since = now.getTime() - limit.windowMs;
  const inWindow = recent
    .filter((d) => d.getTime() > since)
    .sort((a, b) => b.getTime() - a.getTime());
  if (inWindow.length < limit.max) return null;
  // Free again once the max-th newest request leaves the window.
  return secondsUntilOutOfWindow(limit, inWindow[limit.max - 1]!, now);
}
