/** Anki's line between young and mature cards: an interval of 21 days or more is mature. */
export const MATURE_INTERVAL_DAYS = 21;
/** Ratings that count as recalled: Hard, Good, Easy (Again is a lapse). */
export const RECALLED_MIN_RATING = 2;
export const RETENTION_WINDOWS = [7, 30, 365] as const;

export interface RecallCounts {
  recalled: number;
  total: number;
}

export interface RetentionWindow {
  days: number;
  young: RecallCounts;
  mature: RecallCounts;
  all: RecallCounts;
}

/** recalled / total, or null when nothing was reviewed. */
export function recallRate(counts: RecallCounts): number | null {
  return counts.total > 0 ? counts.recalled / counts.total : null;
}

export function addRecallCounts(a: RecallCounts, b: RecallCounts): RecallCounts {
  return { recalled: a.recalled + b.recalled, total: a.total + b.total };
}

/**
 * True retention over a window, from the answers to cards in the review state (not learning
 * steps), split by the interval the card had before the answer.
 */
export function toRetentionWindow(
  days: number,
  young: RecallCounts,
  mature: RecallCounts,
): RetentionWindow {
  return { days, young, mature, all: addRecallCounts(young, mature) };
}

/** The first of the last `size` days (today being the last); all of them when there are fewer. */
export function firstDayOfWindow<T>(days: readonly T[], size: number): T | undefined {
  return days[Math.max(0, days.length - size)];
}
