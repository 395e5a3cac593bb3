import { z } from "zod";
import {
  DIFFICULTY_BUCKETS,
  INTERVAL_BUCKETS,
  RETENTION_WINDOWS,
  addRecallCounts,
  computeMastery,
  computeStreak,
  fillDistribution,
  firstDayOfWindow,
  listComingStudyDays,
  listPastStudyDays,
  spreadOverDays,
  summarizeCardStates,
  toRetentionWindow,
  type CardStateCounts,
  type DistributionBucket,
  type RecallCounts,
  type RetentionWindow,
  type Streak,
  type StudyDay,
} from "@/lib/core/stats";
import { State } from "@/lib/core/study/scheduler";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { parseQuestionPayload } from "../decks/question-payload";
import { getStudySettings } from "../study/learner-settings";
import { parseDeckSummary } from "../decks/deck-summary";
import { querySql } from "../driver-sql";
import { bucketIndexSql } from "./bucket-sql";
import { continueStreak, summarizeDays } from "./count-daily-reviews";
import { countUnseenQuestions } from "./count-unseen-questions";

export const HEATMAP_DAYS = 365;
export const FORECAST_DAYS = 30;

export interface TopicStats extends RecallCounts {
  key: string;
  title: string;
}

export interface DeckMasteryStats {
  deckId: string;
  title: string;
  /** Its author deleted it: the history stays, but there is nothing left to study. */
  removed: boolean;
  aspects: TopicStats[];
  concepts: TopicStats[];
  weakestAspect: TopicStats | null;
}

/** Everything /stats shows, as plain data (it crosses into client components). */
export interface LearnerStats {
  timeZone: string;
  dayStartHour: number;
  today: string;
  totalReviews: number;
  reviewsToday: number;
  streak: Streak;
  /** Reviews per study day, the last 365 days, oldest first. */
  heatmap: { key: string; reviews: number }[];
  retention: RetentionWindow[];
  /** Cards due per study day, today (with everything overdue) first. */
  forecast: { key: string; due: number }[];
  cards: CardStateCounts;
  intervals: DistributionBucket[];
  difficulty: DistributionBucket[];
  mastery: DeckMasteryStats[];
}

/**
 * The learner's statistics, every figure aggregated in SQL and scoped by `learnerId`; day
 * figures follow the learner's time zone and 04:00 day start. A learner without any review gets
 * null (nothing to show).
 */
export async function getLearnerStats(
  db: Db,
  options: { learnerId: string | null; now: Date },
): Promise<LearnerStats | null> {
  const { learnerId, now } = options;
  if (!learnerId) return null;
  const settings = await getStudySettings(db, learnerId);
  const dayOptions = { now, timeZone: settings.timeZone, dayStartHour: settings.dayStartHour };
  const pastDays = listPastStudyDays({ ...dayOptions, count: HEATMAP_DAYS });
  const comingDays = listComingStudyDays({ ...dayOptions, count: FORECAST_DAYS });

  const today = pastDays.at(-1);
  if (!today) return null;
  const [dayFigures, mastery, forecast, cardStats] = await Promise.all([
    summarizeDays(db, learnerId, pastDays),
    getMastery(db, learnerId),
    countDueCards(db, learnerId, comingDays),
    getCardStats(db, learnerId),
  ]);
  const reviewsPerDay = dayFigures.map((day) => day.reviews);
  const retention = RETENTION_WINDOWS.map((size) => {
    const from = (firstDayOfWindow(pastDays, size) ?? today).start.getTime();
    const inWindow = dayFigures.filter((_, i) => (pastDays[i]?.start.getTime() ?? 0) >= from);
    return toRetentionWindow(
      size,
      inWindow.reduce((sum, day) => addRecallCounts(sum, day.young), NO_RECALLS),
      inWindow.reduce((sum, day) => addRecallCounts(sum, day.mature), NO_RECALLS),
    );
  });
  if (mastery.totalReviews === 0) return null;

  const streak = await continueStreak(db, learnerId, computeStreak(reviewsPerDay), {
    ...dayOptions,
    before: pastDays[0],
  });
  return {
    timeZone: settings.timeZone,
    dayStartHour: settings.dayStartHour,
    today: today.key,
    totalReviews: mastery.totalReviews,
    reviewsToday: reviewsPerDay.at(-1) ?? 0,
    streak,
    heatmap: pastDays.map((day, i) => ({ key: day.key, reviews: reviewsPerDay[i] ?? 0 })),
    retention,
    forecast,
    ...cardStats,
    mastery: mastery.decks,
  };
}

const Count = z.coerce.number().int().min(0);
const NO_RECALLS: RecallCounts = { recalled: 0, total: 0 };

/** Cards due per coming study day; the first day also holds every card already overdue. */
async function countDueCards(
  db: Db,
  learnerId: string,
  days: readonly StudyDay[],
): Promise<LearnerStats["forecast"]> {
  const last = days.at(-1);
  if (!last) return [];
  const day = bucketIndexSql(
    Prisma.sql`c."due"`,
    days.slice(1).map((d) => d.start),
  );
  const rows = await db.$queryRaw<unknown[]>`
    SELECT ${day} AS "day", COUNT(*) AS "cards"
    FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
    WHERE c."learnerId" = ${learnerId} AND c."suspended" = ${false} AND c."due" < ${last.end}
      AND c."state" <> ${State.New} AND q."retiredAt" IS NULL
    GROUP BY "day"`;
  const counts = rows.map((row) => {
    const r = z.object({ day: Count, cards: Count }).parse(row);
    return { day: r.day, value: r.cards };
  });
  return spreadOverDays(days, counts, 0).map((d) => ({ key: d.key, due: d.value }));
}

const CardRowSchema = z.object({
  state: Count,
  suspended: z.coerce.boolean(),
  intervalBucket: Count,
  difficultyBucket: Count,
  cards: Count,
});

/**
 * Cards by state, and the interval (review cards) and difficulty (studied cards) distributions,
 * from one grouped query over the learner's cards of questions still in use.
 */
async function getCardStats(
  db: Db,
  learnerId: string,
): Promise<Pick<LearnerStats, "cards" | "intervals" | "difficulty">> {
  const interval = bucketIndexSql(Prisma.sql`c."scheduledDays"`, INTERVAL_BUCKETS.bounds);
  const difficulty = bucketIndexSql(Prisma.sql`c."difficulty"`, DIFFICULTY_BUCKETS.bounds);
  const [raw, unseen] = await Promise.all([
    db.$queryRaw<unknown[]>`
      SELECT c."state" AS "state", c."suspended" AS "suspended", ${interval} AS "intervalBucket",
        ${difficulty} AS "difficultyBucket", COUNT(*) AS "cards"
      FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
      WHERE c."learnerId" = ${learnerId} AND q."retiredAt" IS NULL
      GROUP BY c."state", c."suspended", "intervalBucket", "difficultyBucket"`,
    countUnseenQuestions(db, learnerId),
  ]);
  const rows = raw.map((row) => CardRowSchema.parse(row));
  return {
    cards: summarizeCardStates(
      rows.map((r) => ({ state: r.state, suspended: r.suspended, count: r.cards })),
      unseen,
    ),
    intervals: fillDistribution(
      INTERVAL_BUCKETS,
      rows
        .filter((r) => r.state === State.Review)
        .map((r) => ({ bucket: r.intervalBucket, count: r.cards })),
    ),
    difficulty: fillDistribution(
      DIFFICULTY_BUCKETS,
      rows
        .filter((r) => r.state !== State.New)
        .map((r) => ({ bucket: r.difficultyBucket, count: r.cards })),
    ),
  };
}

const TallyRowSchema = z.object({ questionId: z.string(), rating: Count, count: Count });

/** Recall share per aspect and concept: the learner's answers counted per question and rating. */
async function getMastery(
  db: Db,
  learnerId: string,
): Promise<{ totalReviews: number; decks: DeckMasteryStats[] }> {
  // ReviewTally holds these counts (kept by triggers, decision 007): a few rows per question.
  const rows = await querySql(
    db,
    Prisma.sql`SELECT "questionId", "rating", "count" FROM "ReviewTally" WHERE "learnerId" = ${learnerId}`,
  );
  const groups = rows.map((row) => TallyRowSchema.parse(row));
  if (groups.length === 0) return { totalReviews: 0, decks: [] };
  const questionIds = [...new Set(groups.map((g) => g.questionId))];
  const questions = await db.question.findMany({
    where: { id: { in: questionIds } },
    select: { id: true, deckId: true, aspect: true, payload: true },
  });
  const decks = await db.deck.findMany({
    where: { id: { in: [...new Set(questions.map((q) => q.deckId))] } },
    select: { id: true, summary: true, deletedAt: true },
  });
  const summaries = new Map(decks.map((d) => [d.id, parseDeckSummary(d.summary)]));
  const removed = new Set(decks.filter((d) => d.deletedAt !== null).map((d) => d.id));
  const mastery = computeMastery(
    groups,
    questions.map((q) => ({
      id: q.id,
      deckId: q.deckId,
      aspect: q.aspect,
      concepts: parseQuestionPayload(q.payload).tags.concepts,
    })),
  );
  return {
    totalReviews: groups.reduce((sum, g) => sum + g.count, 0),
    decks: mastery.map((deck) => {
      const summary = summaries.get(deck.deckId);
      const aspectTitles = new Map<string, string>(
        summary?.aspects.map((a) => [a.key, a.title]) ?? [],
      );
      const conceptNames = new Map(summary?.concepts.map((c) => [c.key, c.name]) ?? []);
      const aspectOrder = [...aspectTitles.keys()];
      const conceptOrder = [...conceptNames.keys()];
      const titled = (titles: Map<string, string>) => (t: RecallCounts & { key: string }) => ({
        ...t,
        title: titles.get(t.key) ?? t.key,
      });
      return {
        deckId: deck.deckId,
        title: summary?.title ?? deck.deckId,
        removed: removed.has(deck.deckId),
        aspects: sortByOrder(deck.aspects, aspectOrder).map(titled(aspectTitles)),
        concepts: sortByOrder(deck.concepts, conceptOrder).map(titled(conceptNames)),
        weakestAspect: deck.weakestAspect ? titled(aspectTitles)(deck.weakestAspect) : null,
      };
    }),
  };
}

/** In the document's order; keys it does not list (a retired aspect) go last. */
function sortByOrder<T extends { key: string }>(
  items: readonly T[],
  order: readonly string[],
): T[] {
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  return [...items].sort((a, b) => rank(a.key) - rank(b.key));
}
