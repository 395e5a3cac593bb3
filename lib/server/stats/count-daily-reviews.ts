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
import { bucketIndexSql } from "./bucket-sql";

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
 * ReviewBucket rows, all such days in one grouped statement over at most 96 rows a day, however
 * many answers they hold. Any other day (a historic zone's odd offset) is counted from ReviewLog.
 * `days` are in order, as listPastStudyDays gives them.
 */
export async function summarizeDays(
  db: Db,
  learnerId: string,
  days: readonly StudyDay[],
): Promise<DayFigures[]> {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return [];
  // A bucket is given to the last day starting at or before it, so a day must also end where
  // the next begins: a gap's buckets would land in it.
  const fromBuckets = days.map(
    (day, i) =>
      onBucketBound(day.start) &&
      onBucketBound(day.end) &&
      (i === days.length - 1 || days[i + 1]?.start.getTime() === day.end.getTime()),
  );
  const figures: DayFigures[] = days.map(() => NO_FIGURES);
  const dayIndex = bucketIndexSql(
    Prisma.sql`"bucketStart"`,
    days.slice(1).map((d) => d.start),
  );
  const [rows, counted] = await Promise.all([
    fromBuckets.some(Boolean)
      ? querySql(
          db,
          Prisma.sql`
            SELECT ${dayIndex} AS "day", SUM("reviews") AS "reviews",
              SUM("youngTotal") AS "youngTotal", SUM("youngRecalled") AS "youngRecalled",
              SUM("matureTotal") AS "matureTotal", SUM("matureRecalled") AS "matureRecalled"
            FROM "ReviewBucket"
            WHERE "learnerId" = ${learnerId}
              AND "bucketStart" >= ${first.start} AND "bucketStart" < ${last.end}
            GROUP BY "day"`,
        )
      : [],
    Promise.all(
      days.map((day, i) => (fromBuckets[i] ? null : countDayFromLog(db, learnerId, day))),
    ),
  ]);
  for (const raw of rows) {
    const { day, ...row } = DayRowSchema.parse(raw);
    if (fromBuckets[day]) figures[day] = toFigures(row);
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
    const active = await findActiveDays(db, learnerId, older);
    result = extendStreak(
      result,
      active.map((answered) => (answered ? 1 : 0)),
    );
    before = older[0];
  }
  return result;
}
