import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { State } from "@/lib/core/study";
import { parseQuestionPayload } from "@/lib/server/decks/question-payload";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { getLearnerStats, type LearnerStats } from "@/lib/server/stats/get-learner-stats";
import { getLearnerSummary } from "@/lib/server/stats/get-learner-summary";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.en";
const ZONE = "America/New_York";
// 10:00 EDT on Wednesday 2025-03-12. Study days start at 04:00 local: 08:00Z since the switch to
// summer time at 02:00 on Sunday 2025-03-09, 09:00Z before it; the day of March 8th lasts 23 hours.
const NOW = new Date("2025-03-12T14:00:00Z");

let t: TestDatabase;
let learnerId: string;
let questions: { id: string; aspect: string; concepts: string[] }[];

beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: new Date("2025-01-01T00:00:00Z") });
  const rows = await t.db.question.findMany({
    where: { deckId: DECK, retiredAt: null },
    orderBy: { position: "asc" },
    select: { id: true, aspect: true, payload: true },
  });
  questions = rows.map((q) => ({
    id: q.id,
    aspect: q.aspect,
    concepts: parseQuestionPayload(q.payload).tags.concepts,
  }));
  learnerId = await seedLearner();
  // Another learner answering at the same times must not leak into the first one's figures.
  await seedLearner();
});
afterAll(() => t.cleanup());

function questionAbout(aspect: string, index = 0) {
  const found = questions.filter((q) => q.aspect === aspect)[index];
  if (!found) throw new Error(`no question ${index} about ${aspect}`);
  return found;
}

interface CardSeed {
  question: { id: string };
  state: number;
  due: string;
  scheduledDays: number;
  difficulty: number;
  suspended?: boolean;
}

interface LogSeed {
  card: number;
  at: string;
  /** Card state before the review. */
  state: number;
  scheduledDays: number;
  rating: 1 | 2 | 3 | 4;
}

async function seedLearner(): Promise<string> {
  const learner = await t.db.learner.create({ data: { timeZone: ZONE } });
  const seeds: CardSeed[] = [
    // 0: mature review card due later today.
    {
      question: questionAbout("networking", 0),
      state: State.Review,
      due: "2025-03-12T20:00:00Z",
      scheduledDays: 30,
      difficulty: 3.5,
    },
    // 1: learning card due tomorrow morning (the study day of March 13th begins 08:00Z).
    {
      question: questionAbout("networking", 1),
      state: State.Learning,
      due: "2025-03-13T10:00:00Z",
      scheduledDays: 0,
      difficulty: 6.2,
    },
    // 2: suspended young review card.
    {
      question: questionAbout("isolation", 0),
      state: State.Review,
      due: "2025-03-12T12:00:00Z",
      scheduledDays: 5,
      difficulty: 8,
      suspended: true,
    },
    // 3: review card overdue since March 1st.
    {
      question: questionAbout("isolation", 1),
      state: State.Review,
      due: "2025-03-01T12:00:00Z",
      scheduledDays: 8,
      difficulty: 1.2,
    },
    // 4: relearning card due in 10 days.
    {
      question: questionAbout("scaling", 0),
      state: State.Relearning,
      due: "2025-03-22T12:00:00Z",
      scheduledDays: 0,
      difficulty: 9.9,
    },
  ];
  const cards: { id: string; questionId: string }[] = [];
  for (const seed of seeds) {
    cards.push(
      await t.db.card.create({
        data: {
          learnerId: learner.id,
          questionId: seed.question.id,
          due: new Date(seed.due),
          stability: 10,
          difficulty: seed.difficulty,
          elapsedDays: 0,
          scheduledDays: seed.scheduledDays,
          learningSteps: 0,
          reps: 3,
          lapses: 0,
          state: seed.state,
          lastReview: new Date("2025-03-01T12:00:00Z"),
          suspended: seed.suspended ?? false,
        },
      }),
    );
  }
  const logs: LogSeed[] = [
    // 40 days ago: only the 365-day window sees it.
    { card: 0, at: "2025-01-31T15:00:00Z", state: State.Review, scheduledDays: 25, rating: 3 },
    // Friday March 7th.
    { card: 3, at: "2025-03-07T15:00:00Z", state: State.Review, scheduledDays: 4, rating: 3 },
    // 03:30 EDT on Sunday the 9th, after the clocks went forward: still the day of March 8th.
    { card: 3, at: "2025-03-09T07:30:00Z", state: State.Review, scheduledDays: 6, rating: 1 },
    // 04:30 EDT on the 9th: the day of March 9th.
    { card: 4, at: "2025-03-09T08:30:00Z", state: State.New, scheduledDays: 0, rating: 3 },
    // Nothing on the 10th. 03:59:59.999 EDT on the 12th is still the day of March 11th.
    { card: 2, at: "2025-03-12T07:59:59.999Z", state: State.Review, scheduledDays: 5, rating: 1 },
    // 04:00:00.000 EDT on the 12th, to the millisecond: today.
    { card: 0, at: "2025-03-12T08:00:00Z", state: State.Review, scheduledDays: 30, rating: 3 },
    { card: 1, at: "2025-03-12T13:00:00Z", state: State.Learning, scheduledDays: 0, rating: 2 },
    { card: 4, at: "2025-03-12T13:30:00Z", state: State.Review, scheduledDays: 22, rating: 1 },
  ];
  await t.db.reviewLog.createMany({
    data: logs.map((log) => {
      const card = cards[log.card]!;
      const reviewedAt = new Date(log.at);
      return {
        learnerId: learner.id,
        cardId: card.id,
        questionId: card.questionId,
        clientAnswerId: crypto.randomUUID(),
        siblingKey: "fact",
        rating: log.rating,
        state: log.state,
        due: reviewedAt,
        stability: 10,
        difficulty: 5,
        elapsedDays: 0,
        lastElapsedDays: 0,
        scheduledDays: log.scheduledDays,
        learningSteps: 0,
        previousDue: reviewedAt,
        reviewedAt,
        durationMs: 3000,
        response: "{}",
      };
    }),
  });
  return learner.id;
}

async function stats(): Promise<LearnerStats> {
  const result = await getLearnerStats(t.db, { learnerId, now: NOW });
  if (!result) throw new Error("expected statistics");
  return result;
}

const reviewsOn = (s: LearnerStats, key: string) => s.heatmap.find((d) => d.key === key)?.reviews;

describe("learner statistics from SQL", () => {
  it("counts reviews per study day in the learner's time zone, across the DST switch", async () => {
    const s = await stats();
    expect(s.today).toBe("2025-03-12");
    expect(s.heatmap).toHaveLength(365);
    expect(s.heatmap.at(-1)?.key).toBe("2025-03-12");
    expect(s.heatmap[0]?.key).toBe("2024-03-13");
    expect(s.heatmap.filter((d) => d.reviews > 0).map((d) => [d.key, d.reviews])).toEqual([
      ["2025-01-31", 1],
      ["2025-03-07", 1],
      ["2025-03-08", 1],
      ["2025-03-09", 1],
      ["2025-03-11", 1],
      ["2025-03-12", 3],
    ]);
    expect(reviewsOn(s, "2025-03-10")).toBe(0);
    expect(s.reviewsToday).toBe(3);
    expect(s.totalReviews).toBe(8);
  });

  it("finds the current streak (today and yesterday) and the longest one (March 7th–9th)", async () => {
    expect((await stats()).streak).toMatchObject({ current: 2, longest: 3 });
  });

  it("keeps the streak alive through a today without reviews yet, and ends it after a gap", async () => {
    // Thursday 13th, 09:00 EDT: nothing answered yet today, the streak still counts to yesterday.
    const thursday = await getLearnerStats(t.db, {
      learnerId,
      now: new Date("2025-03-13T13:00:00Z"),
    });
    expect(thursday?.streak.current).toBe(2);
    expect(thursday?.reviewsToday).toBe(0);
    const friday = await getLearnerStats(t.db, {
      learnerId,
      now: new Date("2025-03-14T13:00:00Z"),
    });
    expect(friday?.streak.current).toBe(0);
  });

  it("measures true retention of review-state answers, young and mature, per window", async () => {
    const [week, month, year] = (await stats()).retention;
    // Review-state answers in the last 7 days: 7th Good (young), 8th Again (young), 11th Again
    // (young), 12th Good (mature, 30 d), 12th Again (mature, 22 d).
    expect(week).toEqual({
      days: 7,
      young: { recalled: 1, total: 3 },
      mature: { recalled: 1, total: 2 },
      all: { recalled: 2, total: 5 },
    });
    expect(month?.all).toEqual({ recalled: 2, total: 5 });
    // The answer of January 31st (mature, Good) joins in the year.
    expect(year?.mature).toEqual({ recalled: 2, total: 3 });
  });

  it("forecasts due cards per study day: overdue ones today, suspended ones never", async () => {
    const s = await stats();
    expect(s.forecast).toHaveLength(30);
    expect(s.forecast.slice(0, 2)).toEqual([
      { key: "2025-03-12", due: 2 },
      { key: "2025-03-13", due: 1 },
    ]);
    expect(s.forecast.find((d) => d.key === "2025-03-22")?.due).toBe(1);
    expect(s.forecast.reduce((sum, d) => sum + d.due, 0)).toBe(4);
  });

  it("counts cards by state, with the deck's unseen questions as new", async () => {
    const inDeck = await t.db.question.count({ where: { deckId: DECK, retiredAt: null } });
    expect((await stats()).cards).toEqual({
      new: inDeck - 5,
      learning: 1,
      review: 2,
      relearning: 1,
      suspended: 1,
    });
  });

  it("spreads review intervals and difficulty over their buckets", async () => {
    const s = await stats();
    const nonZero = (buckets: { label: string; count: number }[]) =>
      buckets.filter((b) => b.count > 0).map((b) => [b.label, b.count]);
    // Review-state cards: 30 d, 5 d (suspended), 8 d.
    expect(nonZero(s.intervals)).toEqual([
      ["4–7", 1],
      ["8–14", 1],
      ["22–30", 1],
    ]);
    expect(nonZero(s.difficulty)).toEqual([
      ["1–2", 1],
      ["3–4", 1],
      ["6–7", 1],
      ["8–9", 1],
      ["9–10", 1],
    ]);
  });

  it("computes mastery per aspect and concept and picks the weakest aspect", async () => {
    const deck = (await stats()).mastery.find((d) => d.deckId === DECK);
    const byKey = Object.fromEntries(
      deck?.aspects.map((a) => [a.key, [a.recalled, a.total]]) ?? [],
    );
    // networking: Good, Good, Hard; isolation: Good, Again, Again; scaling: Good, Again.
    expect(byKey).toEqual({ networking: [3, 3], isolation: [1, 3], scaling: [1, 2] });
    expect(deck?.weakestAspect).toMatchObject({ key: "isolation", title: "Isolation" });
    const concepts = deck?.concepts.reduce((sum, c) => sum + c.total, 0) ?? 0;
    expect(concepts).toBeGreaterThanOrEqual(8);
  });

  it("gives nothing to a visitor without a learner or without answers", async () => {
    expect(await getLearnerStats(t.db, { learnerId: null, now: NOW })).toBeNull();
    const fresh = await t.db.learner.create({ data: { timeZone: ZONE } });
    expect(await getLearnerStats(t.db, { learnerId: fresh.id, now: NOW })).toBeNull();
    expect(await getLearnerSummary(t.db, { learnerId: fresh.id, now: NOW })).toBeNull();
  });
});

describe("the home page summary", () => {
  it("tells a returning learner what is due today and the streak", async () => {
    const summary = await getLearnerSummary(t.db, { learnerId, now: NOW });
    // Never seen, or seen but still new: what today's new cards can come from.
    const unseen =
      (await t.db.question.count({
        where: { deckId: DECK, retiredAt: null, cards: { none: { learnerId } } },
      })) + (await t.db.card.count({ where: { learnerId, state: 0 } }));
    expect(summary).toEqual({
      // The mature card due tonight and the overdue one; tomorrow's and suspended ones wait.
      dueToday: 2,
      // No new card introduced today: the default 20 a day, or as many as are left unseen.
      newToday: Math.min(20, unseen),
      streak: 2,
      reviewsToday: 3,
    });
  });
});
