import {
  createEmptyCard,
  default_w,
  fsrs,
  generatorParameters,
  Rating as FsrsRating,
  State as FsrsState,
  type Card,
  type FSRS,
  type Grade,
  type ReviewLog,
} from "ts-fsrs";
import { BoundedMemo } from "@/lib/core/objects/bounded-memo";
import { Rating, RATING_NAMES, RATING_VALUES, type RatingName, type RatingValue } from "./rating";
import type { StudySettings } from "./settings";

/**
 * A thin wrapper around ts-fsrs: plain data in and out (no enums, no optional fields, fresh Date
 * objects), so a card can go to the database and to the browser without ts-fsrs types.
 */

export { Rating, RATING_NAMES, RATING_VALUES, type RatingName, type RatingValue };

export const State = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type StateName = keyof typeof State;
export type StateValue = (typeof State)[StateName];

/** Every field of a ts-fsrs `Card`, camel-cased; `lastReview` is null until the first answer. */
export interface CardState {
  due: Date;
  stability: number;
  difficulty: number;
  /** Deprecated in ts-fsrs 5 (removed in 6) but still written and read back by rollback. */
  elapsedDays: number;
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  reps: number;
  lapses: number;
  state: StateValue;
  lastReview: Date | null;
}

/**
 * Every field of a ts-fsrs `ReviewLog`, plus `previousDue`. Note the ts-fsrs meanings: `state`,
 * `stability`, `difficulty`, `scheduledDays` and `learningSteps` are the card's values *before*
 * the answer, and `due` is the card's previous review time (its due date when it was new).
 */
export interface ReviewLogState {
  rating: RatingValue;
  state: StateValue;
  due: Date;
  stability: number;
  difficulty: number;
  /** Days since the previous review, at this review. Deprecated in ts-fsrs 5. */
  elapsedDays: number;
  /** The card's `elapsedDays` before this review. Deprecated in ts-fsrs 5. */
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  /** When the answer was given. */
  review: Date;
  /**
   * The card's due date before the answer. ts-fsrs rollback restores `due` as the review time,
   * which is wrong for any card answered early or late; we keep the real value to undo exactly.
   */
  previousDue: Date;
}

export interface RatedCard {
  card: CardState;
  log: ReviewLogState;
}

export interface IntervalPreview {
  rating: RatingValue;
  due: Date;
  intervalMs: number;
}

const GRADE_BY_RATING: Readonly<Record<RatingValue, Grade>> = {
  1: FsrsRating.Again,
  2: FsrsRating.Hard,
  3: FsrsRating.Good,
  4: FsrsRating.Easy,
};

const FSRS_STATE_BY_VALUE: Readonly<Record<StateValue, FsrsState>> = {
  0: FsrsState.New,
  1: FsrsState.Learning,
  2: FsrsState.Review,
  3: FsrsState.Relearning,
};

function toStateValue(state: FsrsState): StateValue {
  switch (state) {
    case FsrsState.New:
      return State.New;
    case FsrsState.Learning:
      return State.Learning;
    case FsrsState.Review:
      return State.Review;
    case FsrsState.Relearning:
      return State.Relearning;
  }
}

function toRatingValue(rating: FsrsRating): RatingValue {
  switch (rating) {
    case FsrsRating.Again:
      return Rating.Again;
    case FsrsRating.Hard:
      return Rating.Hard;
    case FsrsRating.Good:
      return Rating.Good;
    case FsrsRating.Easy:
      return Rating.Easy;
    case FsrsRating.Manual:
      // We never reschedule by hand, so a manual entry means foreign data.
      throw new Error("Manual ratings are not supported");
  }
}

// ts-fsrs hands back the very Date objects it was given; copies keep callers' values unshared.
function copyDate(date: Date): Date {
  return new Date(date.getTime());
}

function toCardState(card: Card): CardState {
  return {
    due: copyDate(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: toStateValue(card.state),
    lastReview: card.last_review ? copyDate(card.last_review) : null,
  };
}

function toFsrsCard(card: CardState): Card {
  return {
    due: copyDate(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: FSRS_STATE_BY_VALUE[card.state],
    last_review: card.lastReview ? copyDate(card.lastReview) : undefined,
  };
}

function toReviewLogState(log: ReviewLog, previousDue: Date): ReviewLogState {
  return {
    rating: toRatingValue(log.rating),
    state: toStateValue(log.state),
    due: copyDate(log.due),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: copyDate(log.review),
    previousDue: copyDate(previousDue),
  };
}

function toFsrsReviewLog(log: ReviewLogState): ReviewLog {
  return {
    rating: GRADE_BY_RATING[log.rating],
    state: FSRS_STATE_BY_VALUE[log.state],
    due: copyDate(log.due),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsed_days: log.elapsedDays,
    last_elapsed_days: log.lastElapsedDays,
    scheduled_days: log.scheduledDays,
    learning_steps: log.learningSteps,
    review: copyDate(log.review),
  };
}

/** ts-fsrs's FSRS-6 parameters: what a learner without fitted ones is scheduled with. */
export const DEFAULT_FSRS_PARAMETERS: readonly number[] = Object.freeze([...default_w]);

/**
 * The settings the scheduler reads; a full StudySettings fits. `fsrsParameters`: the learner's
 * fitted FSRS parameters (21 numbers), or null/absent for ts-fsrs's defaults.
 */
export type SchedulerSettings = Pick<
  StudySettings,
  "desiredRetention" | "maximumInterval" | "enableFuzz" | "learningSteps" | "relearningSteps"
> & { fsrsParameters?: readonly number[] | null };

/**
 * Schedulers by their settings: building one (parameters checked and clipped, its algorithm
 * set up) cost more than the scheduling itself on every study request. ts-fsrs keeps no state
 * between calls in it, so one per distinct settings is enough.
 */
const schedulers = new BoundedMemo<FSRS>(1000);

function createScheduler(settings: SchedulerSettings): FSRS {
  const key = JSON.stringify([
    settings.fsrsParameters ?? null,
    settings.desiredRetention,
    settings.maximumInterval,
    settings.enableFuzz,
    settings.learningSteps,
    settings.relearningSteps,
  ]);
  return schedulers.getOrCompute(key, () => buildScheduler(settings));
}

function buildScheduler(settings: SchedulerSettings): FSRS {
  return fsrs(
    generatorParameters({
      ...(settings.fsrsParameters ? { w: settings.fsrsParameters } : {}),
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      enable_fuzz: settings.enableFuzz,
      // Short-term scheduling is what makes the (re)learning steps apply.
      enable_short_term: true,
      learning_steps: settings.learningSteps,
      relearning_steps: settings.relearningSteps,
    }),
  );
}

/** A card that has never been answered, due at `now`. */
export function newCardState(now: Date): CardState {
  return toCardState(createEmptyCard(now));
}

/** Where each answer button would send the card if pressed at `now`. */
export function previewIntervals(
  card: CardState,
  settings: SchedulerSettings,
  now: Date,
): Record<RatingValue, IntervalPreview> {
  const preview = createScheduler(settings).repeat(toFsrsCard(card), now);
  const describe = (rating: RatingValue): IntervalPreview => {
    const due = copyDate(preview[GRADE_BY_RATING[rating]].card.due);
    return { rating, due, intervalMs: due.getTime() - now.getTime() };
  };
  return { 1: describe(1), 2: describe(2), 3: describe(3), 4: describe(4) };
}

/** The card after the learner's answer at `now`, and the log needed to undo it. */
export function applyRating(
  card: CardState,
  rating: RatingValue,
  settings: SchedulerSettings,
  now: Date,
): RatedCard {
  const item = createScheduler(settings).next(toFsrsCard(card), now, GRADE_BY_RATING[rating]);
  return { card: toCardState(item.card), log: toReviewLogState(item.log, card.due) };
}

/** Undo one answer: the card exactly as it was before `log` was written. */
export function rollbackRating(
  cardAfter: CardState,
  log: ReviewLogState,
  settings: SchedulerSettings,
): CardState {
  const previous = createScheduler(settings).rollback(toFsrsCard(cardAfter), toFsrsReviewLog(log));
  return { ...toCardState(previous), due: copyDate(log.previousDue) };
}
