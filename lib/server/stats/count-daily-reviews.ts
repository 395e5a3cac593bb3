import { z } from "zod";
import {
  MATURE_INTERVAL_DAYS,
  NO_REVIEWS,
  extendStreak,
  listPastStudyDays,
  RECALLED_MIN_RATING,
  spreadOverDays,
  type DayReviewCounts,
  type Streak,
  type StudyDay,
} from "@/lib/core/stats";
import { State } from "@/lib/core/study/scheduler";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { bucketIndexSql } from "./bucket-sql";

const Count = z.coerce.number().int().min(0);
const DailyRowSchema = z.object({
  day: Count,
  reviews: Count,
  youngTotal: Count,
  youngRecalled: Count,
  matureTotal: Count,
  matureRecalled: Count,
});

/**
 * The learner's reviews per study day, and the review-state answers split young / mature for
 * retention: one grouped query over an index range of (learnerId, reviewedAt), one row per day
 * with reviews — never one row per review.
 */
export async function countDailyReviews(
  db: Db,
  learnerId: string,
  days: readonly StudyDay[],
): Promise<DayReviewCounts[]> {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return [];
  const day = bucketIndexSql(
    Prisma.sql`"reviewedAt"`,
    days.slice(1).map((d) => d.start),
  );
  const young = Prisma.sql`"state" = ${State.Review} AND "scheduledDays" < ${MATURE_INTERVAL_DAYS}`;
  const mature = Prisma.sql`"state" = ${State.Review} AND "scheduledDays" >= ${MATURE_INTERVAL_DAYS}`;
  const recalled = Prisma.sql`"rating" >= ${RECALLED_MIN_RATING}`;
  const rows = await db.$queryRaw<unknown[]>`
    SELECT ${day} AS "day",
      COUNT(*) AS "reviews",
      SUM(CASE WHEN ${young} THEN 1 ELSE 0 END) AS "youngTotal",
      SUM(CASE WHEN ${young} AND ${recalled} THEN 1 ELSE 0 END) AS "youngRecalled",
      SUM(CASE WHEN ${mature} THEN 1 ELSE 0 END) AS "matureTotal",
      SUM(CASE WHEN ${mature} AND ${recalled} THEN 1 ELSE 0 END) AS "matureRecalled"
    FROM "ReviewLog"
    WHERE "learnerId" = ${learnerId} AND "reviewedAt" >= ${first.start} AND "reviewedAt" < ${last.end}
    GROUP BY "day"`;
  const counts = rows.map((row) => {
    const r = DailyRowSchema.parse(row);
    return {
      day: r.day,
      value: {
        reviews: r.reviews,
        young: { recalled: r.youngRecalled, total: r.youngTotal },
        mature: { recalled: r.matureRecalled, total: r.matureTotal },
      },
    };
  });
  return spreadOverDays(days, counts, NO_REVIEWS).map((d) => d.value);
}

/** Older days are fetched a year at a time, only while the streak runs through a whole window. */
const STREAK_EXTENSION_DAYS = 365;

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
    const counts = await countDailyReviews(db, learnerId, older);
    result = extendStreak(
      result,
      counts.map((d) => d.reviews),
    );
    before = older[0];
  }
  return result;
}
