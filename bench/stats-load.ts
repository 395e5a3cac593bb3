import crypto from "node:crypto";
import { createRandom } from "@/lib/core/practice/random";
import { createDb, type Db } from "@/lib/server/db";
import { signLearnerId } from "@/lib/server/learners";
import { percentile } from "./percentiles";

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 730;
const CHUNK = 1000;
const REQUESTS = 20;
const WARM_UP = 3;

/**
 * One learner with a card for every question and `reviewLogs` answers spread over two years
 * (mostly reviews, some learning steps and lapses), written with createMany in chunks.
 */
export async function seedReviewHistory(
  db: Db,
  options: { learnerId: string; reviewLogs: number; now: Date },
): Promise<void> {
  const { learnerId, reviewLogs, now } = options;
  const random = createRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  await db.learner.create({ data: { id: learnerId, timeZone: "Europe/Moscow" } });
  const questions = await db.question.findMany({
    where: { retiredAt: null },
    select: { id: true, siblingKey: true },
  });
  const cards = questions.map((q) => ({
    id: crypto.randomUUID(),
    learnerId,
    questionId: q.id,
    due: new Date(now.getTime() + Math.floor(random() * 60 - 10) * DAY_MS),
    stability: 1 + random() * 100,
    difficulty: 1 + random() * 9,
    elapsedDays: Math.floor(random() * 30),
    scheduledDays: Math.floor(random() * 200),
    learningSteps: 0,
    reps: Math.floor(reviewLogs / questions.length),
    lapses: Math.floor(random() * 5),
    state: pick([1, 2, 2, 2, 2, 2, 2, 3]),
    lastReview: new Date(now.getTime() - Math.floor(random() * 30) * DAY_MS),
    version: 1,
  }));
  await db.card.createMany({ data: cards });
  const siblingKeyOf = new Map(questions.map((q) => [q.id, q.siblingKey]));

  for (let offset = 0; offset < reviewLogs; offset += CHUNK) {
    const size = Math.min(CHUNK, reviewLogs - offset);
    await db.reviewLog.createMany({
      data: Array.from({ length: size }, (_, i) => {
        const card = pick(cards);
        const reviewedAt = new Date(now.getTime() - Math.floor(random() * HISTORY_DAYS * DAY_MS));
        const state = pick([0, 1, 1, 2, 2, 2, 2, 2, 2, 3]);
        return {
          learnerId,
          cardId: card.id,
          questionId: card.questionId,
          clientAnswerId: `bench-${offset + i}`,
          siblingKey: siblingKeyOf.get(card.questionId) ?? "",
          rating: pick([1, 2, 3, 3, 3, 3, 3, 3, 4, 4]),
          state,
          due: reviewedAt,
          stability: card.stability,
          difficulty: card.difficulty,
          elapsedDays: Math.floor(random() * 60),
          lastElapsedDays: Math.floor(random() * 60),
          scheduledDays: state === 2 ? Math.floor(random() * 120) : 0,
          learningSteps: 0,
          previousDue: reviewedAt,
          reviewedAt,
          durationMs: 2000 + Math.floor(random() * 8000),
          response: "{}",
        };
      }),
    });
  }
}

/**
 * `/stats` server time for one learner with `reviewLogs` review logs (the budget compares
 * 100,000 with 1,000): the page is requested with that learner's cookie, a few times to warm up,
 * then 20 times in a row; the time to the last byte of each response is measured (localhost, so
 * almost all of it is the server's).
 */
export async function benchStats(options: {
  url: string;
  databaseFile: string;
  reviewLogs: number;
}): Promise<{ reviewLogs: number; requests: number; serverMs: { p50: number; p95: number } }> {
  const learnerId = `bench-stats-${crypto.randomUUID()}`;
  const db = createDb(options.databaseFile);
  try {
    await seedReviewHistory(db, { learnerId, reviewLogs: options.reviewLogs, now: new Date() });
    const reviewLogs = await db.reviewLog.count({ where: { learnerId } });
    const headers = { cookie: `pd_learner=${signLearnerId(learnerId)}` };
    // Seeding blocks this process's event loop for longer than the server keeps an idle
    // connection open (65 s): the pooled socket may be gone, so one throw-away request first.
    await fetch(`${options.url}/api/health`).catch(() => undefined);
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + REQUESTS; i++) {
      const started = performance.now();
      const response = await fetch(`${options.url}/stats`, { headers });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (!response.ok || !body.includes('id="stats-heatmap"')) {
        throw new Error(`GET /stats answered ${response.status} without the learner's statistics`);
      }
      if (i >= WARM_UP) times.push(elapsed);
    }
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      reviewLogs,
      requests: times.length,
      serverMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) },
    };
  } finally {
    await db.$disconnect();
  }
}
