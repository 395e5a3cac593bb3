import { State, type RatingValue, type StateValue } from "./scheduler";
import { studyDayKey } from "./study-day";

/**
 * A learner's review history as the FSRS optimiser reads it. The rules are the reference
 * converter's (@open-spaced-repetition/binding, convertCsvToFsrsItems, which follows Anki's):
 * a card's reviews in time order, from the start of its last run of New/Learning reviews (a card
 * reset or merged from another history starts again there; a card never seen New is skipped),
 * each review's `deltaT` the whole study days since the card's previous review (0 on the same
 * day, and for the first review), and one item per review that came a day or more after the one
 * before, holding the reviews up to it: the optimiser learns to predict such a review from the
 * ones before it (same-day steps shape the history, but are not predicted).
 */

/** One ReviewLog row, reduced to what the optimiser needs. */
export interface HistoryReview {
  cardId: string;
  reviewedAt: Date;
  rating: RatingValue;
  /** The card's state before the review. */
  state: StateValue;
}

export interface FsrsTrainingReview {
  rating: RatingValue;
  /** Study days since the card's previous review; 0 for the first and for same-day reviews. */
  deltaT: number;
}

/** A card's reviews up to one of them: the optimiser predicts the last from the ones before. */
export type FsrsTrainingItem = readonly FsrsTrainingReview[];

/** The study day (as in the queue: it starts at `dayStartHour` local time) as a day number. */
function studyDayNumber(instant: Date, timeZone: string, dayStartHour: number): number {
  const [year, month, day] = studyDayKey(instant, timeZone, dayStartHour).split("-").map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) / 86_400_000;
}

function isLearningState(state: StateValue): boolean {
  return state === State.New || state === State.Learning;
}

/** The reviews from the start of the last run of New/Learning ones; none if there is no such run. */
function fromLastLearningRun<T extends { state: StateValue }>(reviews: readonly T[]): T[] {
  let start = -1;
  for (let i = reviews.length - 1; i >= 0; i -= 1) {
    const review = reviews[i];
    if (review && isLearningState(review.state)) start = i;
    else if (start !== -1) break;
  }
  return start === -1 ? [] : reviews.slice(start);
}

export function buildFsrsItems(
  reviews: readonly HistoryReview[],
  options: { timeZone: string; dayStartHour: number },
): FsrsTrainingItem[] {
  const byCard = new Map<string, HistoryReview[]>();
  for (const review of reviews) {
    const list = byCard.get(review.cardId);
    if (list) list.push(review);
    else byCard.set(review.cardId, [review]);
  }
  const items: FsrsTrainingItem[] = [];
  for (const cardReviews of byCard.values()) {
    // Array.prototype.sort is stable: reviews at the same instant keep the order they came in.
    const kept = fromLastLearningRun(
      [...cardReviews].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime()),
    );
    const sequence: FsrsTrainingReview[] = [];
    let previousDay: number | null = null;
    for (const review of kept) {
      const day = studyDayNumber(review.reviewedAt, options.timeZone, options.dayStartHour);
      const deltaT = previousDay === null ? 0 : Math.max(0, day - previousDay);
      sequence.push({ rating: review.rating, deltaT });
      previousDay = day;
      if (deltaT > 0) items.push([...sequence]);
    }
  }
  return items;
}

/** Anki's advice, and the issue's: fewer reviews than this fit noise, so the defaults stay. */
export const MIN_REVIEWS_FOR_OPTIMISATION = 400;
/**
 * The reference optimiser trains the parameters only from 64 items on (below, it fits the four
 * initial stabilities at most, and below 8 returns the defaults): its own minimum.
 */
export const MIN_ITEMS_FOR_OPTIMISATION = 64;

export type HistoryVerdict =
  { enough: true } | { enough: false; reason: "too-few-reviews" | "too-few-items" };

export function judgeHistory(counts: { reviewCount: number; itemCount: number }): HistoryVerdict {
  if (counts.reviewCount < MIN_REVIEWS_FOR_OPTIMISATION)
    return { enough: false, reason: "too-few-reviews" };
  if (counts.itemCount < MIN_ITEMS_FOR_OPTIMISATION)
    return { enough: false, reason: "too-few-items" };
  return { enough: true };
}
