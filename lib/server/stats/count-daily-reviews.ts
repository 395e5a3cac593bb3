import { z } from "zod";
import {
  MATURE_INTERVAL_DAYS,
  RECALLED_MIN_RATING,
  extendStreak,
  listPastStudyDays,
  type RecallCounts,
  type Streak,
  type StudyDay,
} from "@/lib/core/stats";
import { State } from "@/lib/core/study/scheduler";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { querySql } from "../driver-sql";

/** What one study day adds to /stats: its answers, and its review-state answers' recalls. */
export interface DayFigures {
  reviews: number;
  young: RecallCounts;
  mature: RecallCounts;
}

const Count = z.coerce.number().int().min(0);
const FigureRowSchema = z.object({
  reviews: Count,
  youngTotal: Count,
  youngRecalled: Count,
  matureTotal: Count,
  matureRecalled: Count,
});
const DayRowSchema = FigureRowSchema.extend({ day: Count });

/** The width of a ReviewBucket row (migration review_buckets). */
const BUCKET_MS = 15 * 60 * 1000;

const onBucketBound = (at: Date) => at.getTime() % BUCKET_MS === 0;

/** A year of days in one statement; SQLite allows at most 500 SELECTs in a UNION ALL. */
const DAYS_PER_STATEMENT = 400;

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );
}

function toFigures(row: z.infer<typeof FigureRowSchema>): DayFigures {
  return {
    reviews: row.reviews,
    young: { recalled: row.youngRecalled, total: row.youngTotal },
    mature: { recalled: row.matureRecalled, total: row.matureTotal },
  };
}

const NO_FIGURES: DayFigures = {
  reviews: 0,
  young: { recalled: 0, total: 0 },
  mature: { recalled: 0, total: 0 },
};

/**
 * Each study day's figures. A day whose start and end fall on quarter hours (every time zone in
 * use: offsets are multiples of 15 minutes, days start on the hour) is the sum of its
 * ReviewBucket rows, however many answers they hold; any other day (a historic zone's odd offset)
 * is counted from ReviewLog. The bucket days are one statement of one aggregate per day, each a
 * range of the covering (learnerId, bucketStart, …) index: grouping a year's buckets by a
 * computed day index instead sorted every bucket and read the table for each (docs/PERFORMANCE.md,
 * /stats).
 */
export async function summarizeDays(
  db: Db,
  learnerId: string,
  days: readonly StudyDay[],
): Promise<DayFigures[]> {
  const fromBuckets = days.map((day) => onBucketBound(day.start) && onBucketBound(day.end));
  const bucketDays = days.flatMap((day, i) => (fromBuckets[i] ? [{ day, i }] : []));
  const [rows, counted] = await Promise.all([
    Promise.all(
      chunk(bucketDays, DAYS_PER_STATEMENT).map((part) =>
        querySql(
          db,
          Prisma.join(
            part.map(
              ({ day, i }) => Prisma.sql`
                SELECT ${Prisma.raw(String(i))} AS "day", COUNT(*) AS "buckets",
                  SUM("reviews") AS "reviews", SUM("youngTotal") AS "youngTotal",
                  SUM("youngRecalled") AS "youngRecalled", SUM("matureTotal") AS "matureTotal",
                  SUM("matureRecalled") AS "matureRecalled"
                FROM "ReviewBucket"
                WHERE "learnerId" = ${learnerId}
                  AND "bucketStart" >= ${day.start} AND "bucketStart" < ${day.end}`,
            ),
            " UNION ALL ",
          ),
        ),
      ),
    ).then((parts) => parts.flat()),
    Promise.all(
      days.map((day, i) => (fromBuckets[i] ? null : countDayFromLog(db, learnerId, day))),
    ),
  ]);
  const figures: DayFigures[] = days.map(() => NO_FIGURES);
  for (const raw of rows) {
    // SUM over no buckets is NULL: such a day keeps NO_FIGURES.
    if (Number(raw.buckets) === 0) continue;
    const { day, ...row } = DayRowSchema.parse(raw);
    figures[day] = toFigures(row);
  }
  return figures.map((figure, i) => counted[i] ?? figure);
}

/** One day straight from the answers (an index range of the learner's answers that day). */
async function countDayFromLog(db: Db, learnerId: string, day: StudyDay): Promise<DayFigures> {
  const young = Prisma.sql`"state" = ${State.Review} AND "scheduledDays" < ${MATURE_INTERVAL_DAYS}`;
  const mature = Prisma.sql`"state" = ${State.Review} AND "scheduledDays" >= ${MATURE_INTERVAL_DAYS}`;
  const recalled = Prisma.sql`"rating" >= ${RECALLED_MIN_RATING}`;
  const [row] = await querySql(
    db,
    Prisma.sql`
      SELECT COUNT(*) AS "reviews",
        SUM(CASE WHEN ${young} THEN 1 ELSE 0 END) AS "youngTotal",
        SUM(CASE WHEN ${young} AND ${recalled} THEN 1 ELSE 0 END) AS "youngRecalled",
        SUM(CASE WHEN ${mature} THEN 1 ELSE 0 END) AS "matureTotal",
        SUM(CASE WHEN ${mature} AND ${recalled} THEN 1 ELSE 0 END) AS "matureRecalled"
      FROM "ReviewLog"
      WHERE "learnerId" = ${learnerId} AND "reviewedAt" >= ${day.start} AND "reviewedAt" < ${day.end}`,
  );
  // SUM over no rows is NULL.
  return toFigures(
    FigureRowSchema.parse(
      Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, value ?? 0])),
    ),
  );
}

/** The learner's answers per study day. */
export async function countDailyReviews(
  db: Db,
  learnerId: string,
  days: readonly StudyDay[],
): Promise<number[]> {
  return (await summarizeDays(db, learnerId, days)).map((day) => day.reviews);
}

/** Older days are looked at a year at a time, only while the streak runs through a whole window. */
const STREAK_EXTENSION_DAYS = 365;

/**
 * Whether the learner answered on each of these days: one EXISTS per day, each an index seek
 * that stops at the first answer, so a long streak costs a seek per day, not a read of every
 * answer (or bucket) in it.
 */
async function findActiveDays(
  db: Db,
  learnerId: string,
  days: readonly StudyDay[],
): Promise<boolean[]> {
  if (days.length === 0) return [];
  const columns = Prisma.join(
    days.map(
      (day, i) =>
        Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM "ReviewLog" WHERE "learnerId" = ${learnerId}
          AND "reviewedAt" >= ${day.start} AND "reviewedAt" < ${day.end}) THEN 1 ELSE 0 END
          AS ${Prisma.raw(`"d${i}"`)}`,
    ),
  );
  const [row] = await querySql(db, Prisma.sql`SELECT ${columns}`);
  return days.map((_, i) => Number(row?.[`d${i}`] ?? 0) > 0);
}

/** Follows a streak that reached the start of its window into older days. */
export async function continueStreak(
  db: Db,
  learnerId: string,
  streak: Streak,
  options: { timeZone: string; dayStartHour: number; before: StudyDay | undefined },
): Promise<Streak> {
  let result = streak;
  let before = options.before;
  while (result.reachesWindowStart && before) {
    const older = listPastStudyDays({
      now: new Date(before.start.getTime() - 1),
      timeZone: options.timeZone,
      dayStartHour: options.dayStartHour,
      count: STREAK_EXTENSION_DAYS,
    });
    // Most streaks end at the window's edge: one seek for the day just before it first, and a
    // year of them only when that day has answers.
    const [edgeActive] = await findActiveDays(db, learnerId, older.slice(-1));
    const active = edgeActive ? await findActiveDays(db, learnerId, older) : [false];
    result = extendStreak(
      result,
      active.map((answered) => (answered ? 1 : 0)),
    );
    before = older[0];
  }
  return result;
}
