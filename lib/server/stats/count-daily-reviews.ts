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

const Count = z.coerce.number().int().min(0);
const RecallRowSchema = z.object({
  youngTotal: Count,
  youngRecalled: Count,
  matureTotal: Count,
  matureRecalled: Count,
});

/**
 * The learner's answers per study day: one COUNT per day, each over its own range of the
 * (learnerId, reviewedAt, …) index, in a single statement; no answer row is read.
 */
export async function countDailyReviews(
  db: Db,
  learnerId: string,
  days: readonly StudyDay[],
): Promise<number[]> {
  if (days.length === 0) return [];
  const columns = Prisma.join(
    days.map(
      (day, i) =>
        Prisma.sql`(SELECT COUNT(*) FROM "ReviewLog" WHERE "learnerId" = ${learnerId}
          AND "reviewedAt" >= ${day.start} AND "reviewedAt" < ${day.end}) AS ${Prisma.raw(`"d${i}"`)}`,
    ),
  );
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`SELECT ${columns}`;
  return days.map((_, i) => Count.parse(row?.[`d${i}`] ?? 0));
}

/**
 * Answers to cards in the review state between two instants, split young / mature by the
 * interval the card had, and how many of them were recalled: true retention of that window.
 */
export async function countRecalls(
  db: Db,
  learnerId: string,
  range: { from: Date; to: Date },
): Promise<{ young: RecallCounts; mature: RecallCounts }> {
  const young = Prisma.sql`"state" = ${State.Review} AND "scheduledDays" < ${MATURE_INTERVAL_DAYS}`;
  const mature = Prisma.sql`"state" = ${State.Review} AND "scheduledDays" >= ${MATURE_INTERVAL_DAYS}`;
  const recalled = Prisma.sql`"rating" >= ${RECALLED_MIN_RATING}`;
  const [row] = await db.$queryRaw<unknown[]>`
    SELECT
      SUM(CASE WHEN ${young} THEN 1 ELSE 0 END) AS "youngTotal",
      SUM(CASE WHEN ${young} AND ${recalled} THEN 1 ELSE 0 END) AS "youngRecalled",
      SUM(CASE WHEN ${mature} THEN 1 ELSE 0 END) AS "matureTotal",
      SUM(CASE WHEN ${mature} AND ${recalled} THEN 1 ELSE 0 END) AS "matureRecalled"
    FROM "ReviewLog"
    WHERE "learnerId" = ${learnerId} AND "reviewedAt" >= ${range.from} AND "reviewedAt" < ${range.to}`;
  // SUM over no rows is NULL.
  const r = RecallRowSchema.parse(
    Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, value ?? 0])),
  );
  return {
    young: { recalled: r.youngRecalled, total: r.youngTotal },
    mature: { recalled: r.matureRecalled, total: r.matureTotal },
  };
}

/** Older days are looked at a year at a time, only while the streak runs through a whole window. */
const STREAK_EXTENSION_DAYS = 365;

/**
 * Whether the learner answered on each of these days: one EXISTS per day, each an index seek
 * that stops at the first answer, so a long history costs no more than a short one.
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
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`SELECT ${columns}`;
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
