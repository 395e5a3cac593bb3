/** Anki's line between young and mature cards: an interval of 21 days or more is mature. */
export const MATURE_INTERVAL_DAYS = 21;
/** Ratings that count as recalled: Hard, Good, Easy (Again is a lapse). */
export const RECALLED_MIN_RATING = 2;
export const RETENTION_WINDOWS = [7, 30, 365] as const;

export interface RecallCounts {
  recalled: number;
  total: number;
}

/**
 * One study day's reviews. Retention counts only reviews of cards in the review state (not
 * learning steps), split by the interval the card had before the review.
 */
export interface DayReviewCounts {
  reviews: number;
  young: RecallCounts;
  mature: RecallCounts;
}

export interface RetentionWindow {
  days: number;
  young: RecallCounts;
  mature: RecallCounts;
  all: RecallCounts;
}

export const NO_REVIEWS: DayReviewCounts = Object.freeze({
  reviews: 0,
  young: Object.freeze({ recalled: 0, total: 0 }),
  mature: Object.freeze({ recalled: 0, total: 0 }),
});

/** recalled / total, or null when nothing was reviewed. */
export function recallRate(counts: RecallCounts): number | null {
  return counts.total > 0 ? counts.recalled / counts.total : null;
}

export function addRecallCounts(a: RecallCounts, b: RecallCounts): RecallCounts {
  return { recalled: a.recalled + b.recalled, total: a.total + b.total };
}

/** True retention over the last N study days (today included) for each window. */
export function computeRetention(
  days: readonly DayReviewCounts[],
  windows: readonly number[] = RETENTION_WINDOWS,
): RetentionWindow[] {
  return windows.map((size) => {
    let young: RecallCounts = { recalled: 0, total: 0 };
    let mature: RecallCounts = { recalled: 0, total: 0 };
    for (const day of days.slice(Math.max(0, days.length - size))) {
      young = addRecallCounts(young, day.young);
      mature = addRecallCounts(mature, day.mature);
    }
    return { days: size, young, mature, all: addRecallCounts(young, mature) };
  });
}
