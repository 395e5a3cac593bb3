import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "@/lib/core/deck/types";
import { createRandom } from "@/lib/core/practice/random";
import {
  MATURE_INTERVAL_DAYS,
  RECALLED_MIN_RATING,
  listPastStudyDays,
  type StudyDay,
} from "@/lib/core/stats";
import { Rating, State } from "@/lib/core/study";
import { deleteAccount, mergeGuestIntoUser } from "@/lib/server/auth/accounts";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { summarizeDays, type DayFigures } from "@/lib/server/stats/count-daily-reviews";
import { undoAnswer } from "@/lib/server/study/undo-answer";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";
import { answerReveal, ensureCard } from "../setup/test-rows";

// ReviewBucket is kept by triggers on ReviewLog; these tests hold it, and the /stats day figures
// summed from it, against the answer log itself after every kind of change.

const DECK = "containers-vs-pods.en";
const T0 = new Date("2026-03-02T06:00:00Z");
const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

let t: TestDatabase;
let questions: Question[];
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: T0 });
  questions = (await getDeck(t.db, {}, DECK))!.questions;
});
afterAll(() => t.cleanup());

interface LogFacts {
  learnerId: string;
  reviewedAt: Date;
  state: number;
  scheduledDays: number;
  rating: number;
}

/** One answer's contribution, by the definitions of lib/core/stats (not the trigger's SQL). */
function figuresOf(log: LogFacts): DayFigures {
  const review = log.state === State.Review;
  const young = review && log.scheduledDays < MATURE_INTERVAL_DAYS;
  const mature = review && log.scheduledDays >= MATURE_INTERVAL_DAYS;
  const recalled = log.rating >= RECALLED_MIN_RATING;
  return {
    reviews: 1,
    young: { total: young ? 1 : 0, recalled: young && recalled ? 1 : 0 },
    mature: { total: mature ? 1 : 0, recalled: mature && recalled ? 1 : 0 },
  };
}

function add(a: DayFigures, b: DayFigures): DayFigures {
  return {
    reviews: a.reviews + b.reviews,
    young: {
      total: a.young.total + b.young.total,
      recalled: a.young.recalled + b.young.recalled,
    },
    mature: {
      total: a.mature.total + b.mature.total,
      recalled: a.mature.recalled + b.mature.recalled,
    },
  };
}

const NONE: DayFigures = {
  reviews: 0,
  young: { total: 0, recalled: 0 },
  mature: { total: 0, recalled: 0 },
};

const line = (learnerId: string, start: number, f: DayFigures) =>
  `${learnerId} ${new Date(start).toISOString()} ${f.reviews} ${f.young.total} ${f.young.recalled} ` +
  `${f.mature.total} ${f.mature.recalled}`;

const readLogs = (): Promise<LogFacts[]> =>
  t.db.reviewLog.findMany({
    select: { learnerId: true, reviewedAt: true, state: true, scheduledDays: true, rating: true },
  });

/** Every ReviewBucket row next to the answer log grouped by learner and quarter hour. */
async function expectBucketsInStep(): Promise<number> {
  const truth = new Map<string, { learnerId: string; start: number; figures: DayFigures }>();
  for (const log of await readLogs()) {
    const start = Math.floor(log.reviewedAt.getTime() / QUARTER) * QUARTER;
    const key = `${log.learnerId} ${start}`;
    const entry = truth.get(key) ?? { learnerId: log.learnerId, start, figures: NONE };
    truth.set(key, { ...entry, figures: add(entry.figures, figuresOf(log)) });
  }
  const rows = await t.db.reviewBucket.findMany();
  expect(
    rows
      .map((r) =>
        line(r.learnerId, r.bucketStart.getTime(), {
          reviews: r.reviews,
          young: { total: r.youngTotal, recalled: r.youngRecalled },
          mature: { total: r.matureTotal, recalled: r.matureRecalled },
        }),
      )
      .sort(),
  ).toEqual([...truth.values()].map((e) => line(e.learnerId, e.start, e.figures)).sort());
  return rows.length;
}

/** The day figures /stats reads, next to the answers counted day by day. */
async function expectDaysInStep(learnerId: string, days: readonly StudyDay[]) {
  const logs = (await readLogs()).filter((l) => l.learnerId === learnerId);
  const truth = days.map((day) =>
    logs
      .filter((l) => l.reviewedAt >= day.start && l.reviewedAt < day.end)
      .map(figuresOf)
      .reduce(add, NONE),
  );
  expect(await summarizeDays(t.db, learnerId, days)).toEqual(truth);
  return truth.reduce((sum, d) => sum + d.reviews, 0);
}

async function newLearner(userId?: string) {
  return (await t.db.learner.create({ data: { userId } })).id;
}

function logRow(learnerId: string, cardId: string, question: Question, facts: Partial<LogFacts>) {
  const reviewedAt = facts.reviewedAt ?? T0;
  return {
    learnerId,
    cardId,
    questionId: question.id,
    clientAnswerId: crypto.randomUUID(),
    siblingKey: question.siblingKey,
    rating: facts.rating ?? Rating.Good,
    state: facts.state ?? State.Review,
    due: reviewedAt,
    stability: 1,
    difficulty: 5,
    elapsedDays: 0,
    lastElapsedDays: 0,
    scheduledDays: facts.scheduledDays ?? 0,
    learningSteps: 0,
    previousDue: reviewedAt,
    reviewedAt,
    durationMs: 1000,
    response: "{}",
  };
}

const cardFor = (learnerId: string, question: Question) =>
  ensureCard(t.db, { learnerId, questionId: question.id, at: T0, state: State.Review });

describe("ReviewBucket follows the answer log", () => {
  it("stays equal to the log through random answers, removals, moves, re-timings and deletions", async () => {
    const random = createRandom(18);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const learners = await Promise.all([1, 2, 3, 4].map(() => newLearner()));
    // Times crowd the quarter-hour edges: on one, a millisecond either side, or anywhere.
    const time = () => {
      const edge = T0.getTime() + Math.floor(random() * 4 * 96) * QUARTER;
      return new Date(edge + pick([0, -1, 1, Math.floor(random() * QUARTER)]));
    };
    const facts = (): Partial<LogFacts> => ({
      reviewedAt: time(),
      state: pick([State.New, State.Learning, State.Review, State.Review, State.Relearning]),
      scheduledDays: pick([0, MATURE_INTERVAL_DAYS - 1, MATURE_INTERVAL_DAYS, 60]),
      rating: 1 + Math.floor(random() * 4),
    });
    const someLog = async () => {
      const logs = await t.db.reviewLog.findMany({ select: { id: true }, orderBy: { id: "asc" } });
      return logs.length > 0 ? pick(logs).id : null;
    };
    const operations: Record<string, () => Promise<unknown>> = {
      answer: async () => {
        const learnerId = pick(learners);
        const question = pick(questions);
        await t.db.reviewLog.create({
          data: logRow(learnerId, await cardFor(learnerId, question), question, facts()),
        });
      },
      "answers in one statement": async () => {
        const learnerId = pick(learners);
        const question = pick(questions);
        const cardId = await cardFor(learnerId, question);
        await t.db.reviewLog.createMany({
          data: [1, 2, 3, 4, 5].map(() => logRow(learnerId, cardId, question, facts())),
        });
      },
      remove: async () => {
        const id = await someLog();
        if (id) await t.db.reviewLog.delete({ where: { id } });
      },
      "remove a learner's answers of a day": () =>
        t.db.reviewLog.deleteMany({
          where: {
            learnerId: pick(learners),
            reviewedAt: { gte: T0, lt: new Date(T0.getTime() + 96 * QUARTER) },
          },
        }),
      "move to another learner": async () => {
        const id = await someLog();
        if (id) await t.db.reviewLog.update({ where: { id }, data: { learnerId: pick(learners) } });
      },
      "re-time": async () => {
        const id = await someLog();
        if (id) await t.db.reviewLog.update({ where: { id }, data: { reviewedAt: time() } });
      },
      "re-rate, re-state or re-interval": async () => {
        const id = await someLog();
        const { state, scheduledDays, rating } = facts();
        if (id) {
          await t.db.reviewLog.update({
            where: { id },
            data: pick([
              { state },
              { scheduledDays },
              { rating },
              { state, scheduledDays, rating },
            ]),
          });
        }
      },
      "an untracked column": async () => {
        const id = await someLog();
        if (id) await t.db.reviewLog.update({ where: { id }, data: { durationMs: 5 } });
      },
    };
    const names = Object.keys(operations);
    const weights = ["answer", "answer", "answers in one statement", ...names];
    let nonEmpty = 0;
    for (let step = 0; step < 200; step++) {
      await operations[pick(weights)]!();
      if ((await expectBucketsInStep()) > 0) nonEmpty += 1;
    }
    // The comparison meant something: most steps had buckets to compare.
    expect(nonEmpty).toBeGreaterThan(150);

    // A learner deleted with their history (cascade) takes their buckets along.
    const gone = learners[0]!;
    expect(await t.db.reviewBucket.count({ where: { learnerId: gone } })).toBeGreaterThan(0);
    await t.db.learner.delete({ where: { id: gone } });
    expect(await t.db.reviewBucket.count({ where: { learnerId: gone } })).toBe(0);
    await expectBucketsInStep();
  });

  it("follows the app's own writes: study answers, undo, a guest's merge, account deletion", async () => {
    const email = `u-${crypto.randomUUID()}@example.test`;
    const user = await t.db.user.create({ data: { email } });
    const account = await newLearner(user.id);
    const guest = await newLearner();
    const [first, second] = questions;
    const answer = (
      learnerId: string,
      question: Question,
      rating: 1 | 2 | 3 | 4,
      now: Date,
      cardVersion: number | null = null,
    ) => answerReveal(t.db, { learnerId, question, rating, now, cardVersion });
    const good = await answer(guest, first!, Rating.Good, new Date(T0.getTime() + MINUTE));
    await answer(account, second!, Rating.Again, new Date(T0.getTime() + 2 * MINUTE));
    expect(await t.db.reviewBucket.count({ where: { learnerId: guest } })).toBe(1);
    await expectBucketsInStep();
    await undoAnswer(t.db, { learnerId: guest, clientAnswerId: good.clientAnswerId });
    expect(await t.db.reviewBucket.count({ where: { learnerId: guest } })).toBe(0);
    // The card stays after an undo; its version is the one after the first answer.
    await answer(guest, first!, Rating.Easy, new Date(T0.getTime() + 3 * MINUTE), 1);
    await expectBucketsInStep();
    await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId: user.id });
    expect(await t.db.reviewBucket.count({ where: { learnerId: guest } })).toBe(0);
    expect(
      await t.db.reviewBucket.findMany({
        where: { learnerId: account },
        select: { reviews: true },
      }),
    ).toEqual([{ reviews: 2 }]);
    await expectBucketsInStep();
    await deleteAccount(t.db, { userId: user.id, confirmEmail: email });
    expect(await t.db.reviewBucket.count({ where: { learnerId: account } })).toBe(0);
    await expectBucketsInStep();
  });
});

describe("day figures summed from the buckets", () => {
  it("equal the answers counted per day, on quarter-hour days and, from the log, on any other", async () => {
    const random = createRandom(11);
    const learnerId = await newLearner();
    const question = questions[0]!;
    const cardId = await cardFor(learnerId, question);
    const now = new Date("2026-03-20T12:00:00Z");
    await t.db.reviewLog.createMany({
      data: Array.from({ length: 400 }, () => {
        const reviewedAt = new Date(now.getTime() - Math.floor(random() * 20 * 96) * QUARTER);
        return logRow(learnerId, cardId, question, {
          reviewedAt: new Date(
            reviewedAt.getTime() + [0, -1, 7 * MINUTE][Math.floor(random() * 3)]!,
          ),
          state: random() < 0.7 ? State.Review : State.Learning,
          scheduledDays: random() < 0.5 ? 3 : 40,
          rating: 1 + Math.floor(random() * 4),
        });
      }),
    });
    // Kathmandu is UTC+5:45 (days start on a quarter hour, bucketed); Monrovia was UTC-0:44:30
    // before 1972, and a list of days shifted by 7 minutes stands for such a zone today.
    const kathmandu = listPastStudyDays({
      now,
      timeZone: "Asia/Kathmandu",
      dayStartHour: 4,
      count: 21,
    });
    const shift = (days: StudyDay[], ms: number) =>
      days.map((d) => ({
        ...d,
        start: new Date(d.start.getTime() + ms),
        end: new Date(d.end.getTime() + ms),
      }));
    const odd = shift(kathmandu, 7 * MINUTE);
    // Some quarter-hour days and some not, in one list: each counted its own way, all exact.
    const mixed = [...kathmandu.slice(0, 10), ...odd.slice(10)].map((d, i, all) =>
      i === 9 ? { ...d, end: all[10]!.start } : d,
    );
    for (const days of [kathmandu, odd, mixed]) {
      expect(await expectDaysInStep(learnerId, days)).toBeGreaterThan(300);
    }
    // Not a single bucket read for days off the quarter hours: removing the buckets changes nothing.
    await t.db.reviewBucket.deleteMany({ where: { learnerId } });
    await expectDaysInStep(learnerId, odd);
  });
});
