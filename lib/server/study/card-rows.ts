import type { CardState, ReviewLogState, StateValue, RatingValue } from "@/lib/core/study";
import { Prisma, type Card, type ReviewLog } from "@/lib/generated/prisma/client";
import type { SqlRow } from "../driver-sql";

// Mapping between Prisma rows and the core's plain card/log states.

/**
 * The columns of a card its FSRS state needs. Reading only these for a learner's whole deck
 * matters: Prisma's cost per row grows with its columns, and next-card reads every card.
 */
export const CARD_STATE_SELECT = {
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
} as const;

export type CardStateRow = Pick<Card, keyof typeof CARD_STATE_SELECT>;

export function toCardState(row: CardStateRow): CardState {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as StateValue,
    lastReview: row.lastReview,
  };
}

/** CARD_STATE_SELECT's columns of a "Card" row aliased `c`, for hand-written SQL. */
export const CARD_STATE_SQL = Prisma.raw(
  Object.keys(CARD_STATE_SELECT)
    .map((column) => `c."${column}"`)
    .join(", "),
);

const dateOrNull = (value: unknown) => (value === null ? null : new Date(value as string | Date));

/** A card's FSRS state from a row of CARD_STATE_SQL as the driver returns it (see driver-sql). */
export function cardStateFromSql(row: SqlRow): CardState {
  return {
    due: new Date(row.due as string | Date),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    elapsedDays: Number(row.elapsedDays),
    scheduledDays: Number(row.scheduledDays),
    learningSteps: Number(row.learningSteps),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    state: Number(row.state) as StateValue,
    lastReview: dateOrNull(row.lastReview),
  };
}

export function cardStateColumns(card: CardState) {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsedDays,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.lastReview,
  };
}

export function toReviewLogState(row: ReviewLog): ReviewLogState {
  return {
    rating: row.rating as RatingValue,
    state: row.state as StateValue,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    lastElapsedDays: row.lastElapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    review: row.reviewedAt,
    previousDue: row.previousDue,
  };
}

export function reviewLogColumns(log: ReviewLogState) {
  return {
    rating: log.rating,
    state: log.state,
    due: log.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsedDays,
    lastElapsedDays: log.lastElapsedDays,
    scheduledDays: log.scheduledDays,
    learningSteps: log.learningSteps,
    reviewedAt: log.review,
    previousDue: log.previousDue,
  };
}
