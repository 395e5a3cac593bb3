import { forgetting_curve } from "ts-fsrs";
import {
  applyRating,
  DEFAULT_FSRS_PARAMETERS,
  DEFAULT_STUDY_SETTINGS,
  newCardState,
  State,
  type CardState,
  type RatingValue,
  type ReviewLogState,
} from "@/lib/core/study";

/**
 * A learner whose memory follows FSRS with known parameters that are not the defaults: they
 * forget new cards sooner (small initial stabilities), gain less from a review (w8) and their
 * forgetting curve is steeper (w20). The app schedules them with the defaults, as it does every
 * learner before an optimisation; whether they recall is drawn from a seeded generator with the
 * probability their own memory gives, so every run makes the same history.
 */
export const TRUE_PARAMETERS: readonly number[] = DEFAULT_FSRS_PARAMETERS.map((w, i) =>
  i === 0
    ? 0.1
    : i === 1
      ? 0.6
      : i === 2
        ? 1.0
        : i === 3
          ? 4.0
          : i === 8
            ? 1.0
            : i === 20
              ? 0.5
              : w,
);

const DAY_MS = 86_400_000;

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulatedReview {
  card: number;
  log: ReviewLogState;
}

export interface SimulatedCard {
  card: number;
  state: CardState;
}

/**
 * `cards` cards, each first met on one of the first `spreadDays` days at a random hour, then
 * reviewed whenever the app (default parameters) makes it due, until `days` have passed.
 */
export function simulateLearner(options: {
  seed: number;
  cards: number;
  days: number;
  start: Date;
  spreadDays?: number;
}): { reviews: SimulatedReview[]; cards: SimulatedCard[] } {
  const random = seededRandom(options.seed);
  const appSettings = { ...DEFAULT_STUDY_SETTINGS, enableFuzz: false };
  const memorySettings = { ...appSettings, fsrsParameters: TRUE_PARAMETERS };
  const end = options.start.getTime() + options.days * DAY_MS;
  const reviews: SimulatedReview[] = [];
  const cards: SimulatedCard[] = [];
  for (let card = 0; card < options.cards; card += 1) {
    let now =
      options.start.getTime() +
      Math.floor(random() * (options.spreadDays ?? 60)) * DAY_MS +
      Math.floor(random() * 8 * 3_600_000);
    let state = newCardState(new Date(now));
    // The same card as the learner's memory holds it: what decides whether they recall.
    let memory = state;
    while (now < end) {
      let rating: RatingValue;
      const u = random();
      if (state.state === State.New) {
        rating = u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4;
      } else {
        const elapsedDays = (now - (memory.lastReview?.getTime() ?? now)) / DAY_MS;
        const recall = forgetting_curve([...TRUE_PARAMETERS], elapsedDays, memory.stability);
        const v = random();
        rating = u >= recall ? 1 : v < 0.1 ? 2 : v < 0.9 ? 3 : 4;
      }
      const rated = applyRating(state, rating, appSettings, new Date(now));
      memory = applyRating(memory, rating, memorySettings, new Date(now)).card;
      reviews.push({ card, log: rated.log });
      state = rated.card;
      now = state.due.getTime();
    }
    cards.push({ card, state });
  }
  return { reviews, cards };
}
