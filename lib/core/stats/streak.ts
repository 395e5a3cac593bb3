export interface Streak {
  /** Consecutive study days with at least one review, ending today (or yesterday: today is not over). */
  current: number;
  /** The longest such run inside the window. */
  longest: number;
  /** The current run starts at the window's first day: older days may extend it. */
  reachesWindowStart: boolean;
}

/** The streak in a window of reviews per study day, oldest first, the last entry being today. */
export function computeStreak(reviewsPerDay: readonly number[]): Streak {
  let longest = 0;
  let run = 0;
  for (const reviews of reviewsPerDay) {
    run = reviews > 0 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  // A streak survives a today without reviews yet: it ends yesterday until the day is over.
  const today = reviewsPerDay.at(-1) ?? 0;
  const end = today > 0 ? reviewsPerDay.length : reviewsPerDay.length - 1;
  const current = countTrailingActiveDays(reviewsPerDay.slice(0, Math.max(0, end)));
  return {
    current,
    longest,
    reachesWindowStart: current > 0 && current === end,
  };
}

/**
 * Adds an older window (oldest first, ending the day before the previous window began) to a
 * streak that reached the start of its window.
 */
export function extendStreak(streak: Streak, olderReviewsPerDay: readonly number[]): Streak {
  if (!streak.reachesWindowStart) return streak;
  const more = countTrailingActiveDays(olderReviewsPerDay);
  const current = streak.current + more;
  return {
    current,
    longest: Math.max(streak.longest, current),
    reachesWindowStart: olderReviewsPerDay.length > 0 && more === olderReviewsPerDay.length,
  };
}

function countTrailingActiveDays(reviewsPerDay: readonly number[]): number {
  let count = 0;
  for (let i = reviewsPerDay.length - 1; i >= 0 && (reviewsPerDay[i] ?? 0) > 0; i--) count += 1;
  return count;
}
