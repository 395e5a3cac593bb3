/** At most `max` requests per `windowMs`, counted per key (a learner, an address) in `bucket`. */
export interface RateLimit {
  bucket: string;
  max: number;
  windowMs: number;
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
    .map((d) => d.getTime())
    .filter((t) => t > since)
    .sort((a, b) => b - a);
  if (inWindow.length < limit.max) return null;
  // Free again once the max-th newest request leaves the window.
  const blocking = inWindow[limit.max - 1]!;
  return Math.max(1, Math.ceil((blocking + limit.windowMs - now.getTime()) / 1000));
}
