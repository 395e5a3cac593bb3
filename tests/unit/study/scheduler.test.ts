import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating as FsrsRating,
  type Card,
} from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FSRS_PARAMETERS,
  DEFAULT_STUDY_SETTINGS,
  RATING_NAMES,
  RATING_VALUES,
  Rating,
  State,
  applyRating,
  formatInterval,
  newCardState,
  previewIntervals,
  rollbackRating,
  type CardState,
  type RatingValue,
  type StudySettings,
} from "@/lib/core/study";

const SETTINGS: StudySettings = { ...DEFAULT_STUDY_SETTINGS, enableFuzz: false };
const T0 = new Date("2025-03-03T09:00:00Z");
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The same scheduler, built straight from ts-fsrs, to check the wrapper against. */
const reference = fsrs(
  generatorParameters({
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: false,
    enable_short_term: true,
    learning_steps: ["1m", "10m"],
    relearning_steps: ["10m"],
  }),
);

function at(base: Date, ms: number): Date {
  return new Date(base.getTime() + ms);
}

/** Compare our plain card with a ts-fsrs card field by field. */
function expectSameCard(ours: CardState, theirs: Card) {
  expect(ours).toStrictEqual({
    due: theirs.due,
    stability: theirs.stability,
    difficulty: theirs.difficulty,
    elapsedDays: theirs.elapsed_days,
    scheduledDays: theirs.scheduled_days,
    learningSteps: theirs.learning_steps,
    reps: theirs.reps,
    lapses: theirs.lapses,
    state: theirs.state,
    lastReview: theirs.last_review ?? null,
  });
}

/** Cards in each FSRS state, reached by answering from T0. */
function buildCards() {
  const fresh = newCardState(T0);
  const learning = applyRating(fresh, Rating.Good, SETTINGS, T0).card;
  const review = applyRating(learning, Rating.Good, SETTINGS, learning.due).card;
  const relearning = applyRating(review, Rating.Again, SETTINGS, review.due).card;
  return { fresh, learning, review, relearning };
}

describe("Rating and State", () => {
  it("use ts-fsrs numbers and have names", () => {
    expect(RATING_VALUES).toEqual([1, 2, 3, 4]);
    expect(RATING_VALUES.map((rating) => RATING_NAMES[rating])).toEqual([
      "Again",
      "Hard",
      "Good",
      "Easy",
    ]);
    expect(Rating).toEqual({
      Again: FsrsRating.Again,
      Hard: FsrsRating.Hard,
      Good: FsrsRating.Good,
      Easy: FsrsRating.Easy,
    });
    expect(State).toEqual({ New: 0, Learning: 1, Review: 2, Relearning: 3 });
  });
});

describe("newCardState", () => {
  it("is a never-answered card due now, like ts-fsrs createEmptyCard", () => {
    expect(newCardState(T0)).toStrictEqual({
      due: T0,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      state: State.New,
      lastReview: null,
    });
    expectSameCard(newCardState(T0), createEmptyCard(T0));
  });

  it("does not share the Date it was given", () => {
    const now = new Date(T0);
    const card = newCardState(now);
    now.setUTCFullYear(2030);
    expect(card.due).toEqual(T0);
  });
});

describe("previewIntervals", () => {
  it("shows the learning steps for a new card", () => {
    const preview = previewIntervals(newCardState(T0), SETTINGS, T0);
    expect(RATING_VALUES.map((rating) => formatInterval(preview[rating].intervalMs, "en"))).toEqual(
      ["1m", "6m", "10m", "8d"],
    );
    expect(preview[Rating.Again].due).toEqual(at(T0, MINUTE_MS));
    expect(preview[Rating.Good].intervalMs).toBe(10 * MINUTE_MS);
    expect(preview[Rating.Easy].due).toEqual(at(T0, 8 * DAY_MS));
  });

  it("matches ts-fsrs repeat for cards in every state", () => {
    const cards = buildCards();
    const cases: [CardState, Card, Date][] = [];
    let theirs = createEmptyCard(T0);
    cases.push([cards.fresh, theirs, T0]);
    theirs = reference.next(theirs, T0, FsrsRating.Good).card;
    cases.push([cards.learning, theirs, at(T0, 12 * MINUTE_MS)]);
    theirs = reference.next(theirs, theirs.due, FsrsRating.Good).card;
    cases.push([cards.review, theirs, at(cards.review.due, DAY_MS)]);
    theirs = reference.next(theirs, theirs.due, FsrsRating.Again).card;
    cases.push([cards.relearning, theirs, cards.relearning.due]);

    for (const [ours, fsrsCard, now] of cases) {
      expectSameCard(ours, fsrsCard);
      const preview = previewIntervals(ours, SETTINGS, now);
      const expected = reference.repeat(fsrsCard, now);
      for (const rating of RATING_VALUES) {
        expect(preview[rating].rating).toBe(rating);
        expect(preview[rating].due).toEqual(expected[rating].card.due);
        expect(preview[rating].intervalMs).toBe(
          expected[rating].card.due.getTime() - now.getTime(),
        );
      }
    }
  });

  it("labels a review card's buttons in days and months", () => {
    const { review } = buildCards();
    const labelsAt = (card: CardState) => {
      const preview = previewIntervals(card, SETTINGS, card.due);
      return RATING_VALUES.map((rating) => formatInterval(preview[rating].intervalMs, "en"));
    };
    expect(labelsAt(review)).toEqual(["10m", "8d", "11d", "19d"]);
    const later = applyRating(review, Rating.Good, SETTINGS, review.due).card;
    expect(labelsAt(later)).toEqual(["10m", "1.1mo", "1.5mo", "2.6mo"]);
  });
});

describe("applyRating", () => {
  it("returns what ts-fsrs next returns, with a camel-cased log", () => {
    const card = newCardState(T0);
    const { card: after, log } = applyRating(card, Rating.Hard, SETTINGS, T0);
    const expected = reference.next(createEmptyCard(T0), T0, FsrsRating.Hard);
    expectSameCard(after, expected.card);
    expect(log).toStrictEqual({
      rating: Rating.Hard,
      state: State.New,
      due: expected.log.due,
      stability: expected.log.stability,
      difficulty: expected.log.difficulty,
      elapsedDays: expected.log.elapsed_days,
      lastElapsedDays: expected.log.last_elapsed_days,
      scheduledDays: expected.log.scheduled_days,
      learningSteps: expected.log.learning_steps,
      review: T0,
      previousDue: T0,
    });
  });

  it("counts a lapse when a review card is forgotten", () => {
    const { review } = buildCards();
    const { card, log } = applyRating(review, Rating.Again, SETTINGS, review.due);
    expect(card.state).toBe(State.Relearning);
    expect(card.lapses).toBe(review.lapses + 1);
    expect(card.due).toEqual(at(review.due, 10 * MINUTE_MS));
    expect(log.state).toBe(State.Review);
  });

  it("leaves its input untouched and shares no Date with it", () => {
    const { review } = buildCards();
    const snapshot = structuredClone(review);
    const now = at(review.due, DAY_MS);
    const result = applyRating(review, Rating.Good, SETTINGS, now);
    expect(review).toStrictEqual(snapshot);
    expect(result.card.lastReview).not.toBe(now);
    expect(result.log.review).not.toBe(now);
  });
});

describe("rollbackRating", () => {
  const cards = buildCards();
  // Late and early answers are the normal case, not exact-on-due ones.
  const answerTimes: [string, CardState, Date][] = [
    ["new", cards.fresh, at(T0, 3 * DAY_MS + 5 * MINUTE_MS)],
    ["learning", cards.learning, at(cards.learning.due, 7 * MINUTE_MS)],
    ["review, answered late", cards.review, at(cards.review.due, 3 * DAY_MS + 2 * 3_600_000)],
    ["review, answered early", cards.review, at(cards.review.due, -5 * 3_600_000)],
    ["relearning", cards.relearning, at(cards.relearning.due, 30 * MINUTE_MS)],
  ];

  for (const [name, before, now] of answerTimes) {
    it.each(RATING_VALUES)(
      `restores a ${name} card exactly after rating %i`,
      (rating: RatingValue) => {
        const { card, log } = applyRating(before, rating, SETTINGS, now);
        expect(card).not.toStrictEqual(before);
        expect(rollbackRating(card, log, SETTINGS)).toStrictEqual(before);
      },
    );
  }

  it("fixes ts-fsrs rollback, which puts the due date at the review time", () => {
    const late = at(cards.review.due, 3 * DAY_MS);
    const { card, log } = applyRating(cards.review, Rating.Good, SETTINGS, late);
    const fsrsCard = reference.next(createEmptyCard(T0), T0, FsrsRating.Good).card;
    const fsrsReview = reference.next(fsrsCard, fsrsCard.due, FsrsRating.Good).card;
    const fsrsAfter = reference.next(fsrsReview, late, FsrsRating.Good);
    expect(reference.rollback(fsrsAfter.card, fsrsAfter.log).due).toEqual(late);
    expect(rollbackRating(card, log, SETTINGS).due).toEqual(cards.review.due);
  });

  it("undoes a whole chain of answers, last first", () => {
    let card = newCardState(T0);
    const history: { before: CardState; log: ReturnType<typeof applyRating>["log"] }[] = [];
    const ratings: RatingValue[] = [
      Rating.Again,
      Rating.Good,
      Rating.Good,
      Rating.Hard,
      Rating.Again,
      Rating.Easy,
    ];
    let now = T0;
    for (const rating of ratings) {
      const result = applyRating(card, rating, SETTINGS, now);
      history.push({ before: card, log: result.log });
      card = result.card;
      now = at(card.due, 2 * 3_600_000);
    }
    for (const { before, log } of history.reverse()) {
      card = rollbackRating(card, log, SETTINGS);
      expect(card).toStrictEqual(before);
    }
    expect(card).toStrictEqual(newCardState(T0));
  });
});

describe("studying every day for two months with a simulated clock", () => {
  it("answering Good grows the interval and matches ts-fsrs to the millisecond", () => {
    let ours = newCardState(T0);
    let theirs = createEmptyCard(T0);
    let now = T0;
    const intervals: number[] = [];
    const reviewDays: number[] = [];
    while (now.getTime() < T0.getTime() + 60 * DAY_MS) {
      const before = ours;
      ours = applyRating(ours, Rating.Good, SETTINGS, now).card;
      theirs = reference.next(theirs, now, FsrsRating.Good).card;
      expectSameCard(ours, theirs);
      if (before.state === State.Review) intervals.push(ours.scheduledDays);
      reviewDays.push(Math.round((now.getTime() - T0.getTime()) / DAY_MS));
      // The learner comes back exactly when the card is due.
      now = ours.due;
    }
    expect(reviewDays).toEqual([0, 0, 2, 13, 59]);
    expect(intervals).toEqual([11, 46, 163]);
    for (const [i, interval] of intervals.entries()) {
      expect(interval).toBeGreaterThan(intervals[i - 1] ?? 2);
    }
  });
});

describe("a learner's own FSRS parameters", () => {
  // A learner who forgets faster than the defaults assume (fitted by "optimise my parameters").
  const OWN = [
    0.1, 0.6, 1.0, 4.0, 6.4133, 0.8334, 3.0194, 0.001, 1.0, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
    1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.5,
  ];

  it("schedule reviews as ts-fsrs does with those parameters, and differently from the defaults", () => {
    const reference = fsrs(
      generatorParameters({ w: OWN, enable_fuzz: false, enable_short_term: true }),
    );
    let theirs: Card = createEmptyCard(T0);
    let ours = newCardState(T0);
    let defaults = newCardState(T0);
    let now = T0;
    for (const rating of [3, 3, 3, 3] as const) {
      theirs = reference.next(theirs, now, FsrsRating.Good).card;
      ours = applyRating(ours, rating, { ...SETTINGS, fsrsParameters: OWN }, now).card;
      defaults = applyRating(defaults, rating, SETTINGS, now).card;
      now = ours.due;
    }
    expect(ours.due).toEqual(theirs.due);
    expect(ours.stability).toBeCloseTo(theirs.stability, 10);
    expect(ours.due.getTime()).toBeLessThan(defaults.due.getTime());
  });
});

describe("schedulers per settings", () => {
  it("schedules each settings by its own values, whatever was scheduled before", () => {
    const fitted = Array.from({ length: 21 }, (_, i) => DEFAULT_FSRS_PARAMETERS[i] ?? 0).map(
      (w, i) => (i === 2 ? w * 3 : w),
    );
    const variants: StudySettings[] = [
      SETTINGS,
      { ...SETTINGS, desiredRetention: 0.8 },
      { ...SETTINGS, maximumInterval: 3 },
      { ...SETTINGS, learningSteps: ["5m"] },
      { ...SETTINGS, fsrsParameters: fitted },
    ];
    // A card answered Good once: its next Good depends on every one of those settings.
    const dueOf = (settings: StudySettings) => {
      const first = applyRating(newCardState(T0), Rating.Good, settings, T0).card;
      const later = applyRating(first, Rating.Good, settings, at(T0, 30 * DAY_MS)).card;
      return `${first.due.toISOString()} ${later.due.toISOString()}`;
    };
    const forward = variants.map(dueOf);
    expect(new Set(forward).size, "every variant schedules differently").toBe(variants.length);
    const backward = [...variants].reverse().map(dueOf).reverse();
    expect(backward).toEqual(forward);
  });
});
