import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { State } from "@/lib/core/study";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { getLearnerStats } from "@/lib/server/stats/get-learner-stats";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const ZONE = "Europe/Berlin";
// 15:00 CET on 2026-01-20. Study days start at 04:00 local (03:00Z in winter, 02:00Z in summer).
const NOW = new Date("2026-01-20T14:00:00Z");
const DAY_MS = 86_400_000;

let t: TestDatabase;
let question: { id: string };

beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: new Date("2024-01-01T00:00:00Z") });
  question = await t.db.question.findFirstOrThrow({ where: { retiredAt: null } });
});
afterAll(() => t.cleanup());

/** A learner with one answer at noon UTC (13:00 or 14:00 in Berlin) `daysAgo` days before NOW. */
async function learnerAnsweringOn(daysAgo: number[]): Promise<string> {
  const learner = await t.db.learner.create({ data: { timeZone: ZONE } });
  const card = await t.db.card.create({
    data: {
      learnerId: learner.id,
      questionId: question.id,
      due: NOW,
      stability: 10,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: State.Review,
      lastReview: NOW,
    },
  });
  await t.db.reviewLog.createMany({
    data: daysAgo.map((ago) => {
      const reviewedAt = new Date(Date.UTC(2026, 0, 20, 12) - ago * DAY_MS);
      return {
        learnerId: learner.id,
        cardId: card.id,
        questionId: question.id,
        clientAnswerId: crypto.randomUUID(),
        siblingKey: "fact",
        rating: 3,
        state: State.Review,
        due: reviewedAt,
        stability: 10,
        difficulty: 5,
        elapsedDays: 0,
        lastElapsedDays: 0,
        scheduledDays: 3,
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

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function streakOf(daysAgo: number[]) {
  const stats = await getLearnerStats(t.db, {
    learnerId: await learnerAnsweringOn(daysAgo),
    now: NOW,
  });
  return stats?.streak;
}

// The heatmap's window is the last 365 study days; a streak that fills it is followed into older
// days, a year at a time.
describe("a streak longer than the year shown", () => {
  it("fills the window exactly: the day before it has no answer", async () => {
    expect(await streakOf(range(0, 365))).toEqual({
      current: 365,
      longest: 365,
      reachesWindowStart: false,
    });
  });

  it("runs one day, and then most of a year, into the older days", async () => {
    expect((await streakOf(range(0, 366)))?.current).toBe(366);
    expect((await streakOf(range(0, 700)))?.current).toBe(700);
  });

  it("runs through two whole older years, and stops at the first day without an answer", async () => {
    expect((await streakOf(range(0, 365 * 3)))?.current).toBe(365 * 3);
    // Days 500 and 800 ago have no answer: the streak is the 500 days since.
    const gaps = range(0, 900).filter((ago) => ago !== 500 && ago !== 800);
    expect((await streakOf(gaps))?.current).toBe(500);
  });

  it("counts to yesterday when today has no answer yet, across the window's edge", async () => {
    expect((await streakOf(range(1, 400)))?.current).toBe(399);
  });
});
