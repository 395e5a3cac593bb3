import { computeStreak, listPastStudyDays } from "@/lib/core/stats";
import { State } from "@/lib/core/study/scheduler";
import type { Db } from "../db";
import { getStudySettings } from "../study/learner-settings";
import { continueStreak, countDailyReviews } from "./count-daily-reviews";
import { countUnseenQuestions } from "./count-unseen-questions";

/** A month is enough for most streaks; a longer one is followed further back. */
const STREAK_WINDOW_DAYS = 30;

/** What the home page tells a returning learner. */
export interface LearnerSummary {
  /** Learning and review cards due before the next study day begins (overdue included). */
  dueToday: number;
  /** New cards still allowed today by the daily limit, as far as unseen questions last. */
  newToday: number;
  streak: number;
  reviewsToday: number;
}

/** null for a visitor who has not answered anything yet. */
export async function getLearnerSummary(
  db: Db,
  options: { learnerId: string | null; now: Date },
): Promise<LearnerSummary | null> {
  const { learnerId, now } = options;
  if (!learnerId) return null;
  const answered = await db.reviewLog.findFirst({ where: { learnerId }, select: { id: true } });
  if (!answered) return null;

  const settings = await getStudySettings(db, learnerId);
  const days = listPastStudyDays({
    now,
    timeZone: settings.timeZone,
    dayStartHour: settings.dayStartHour,
    count: STREAK_WINDOW_DAYS,
  });
  const today = days.at(-1);
  if (!today) return null;
  const activeCard = { learnerId, suspended: false, question: { retiredAt: null } };
  const [reviewsPerDay, dueToday, introducedToday, unseen, newCards] = await Promise.all([
    countDailyReviews(db, learnerId, days),
    db.card.count({
      where: { ...activeCard, state: { not: State.New }, due: { lt: today.end } },
    }),
    db.reviewLog.count({
      where: { learnerId, state: State.New, reviewedAt: { gte: today.start } },
    }),
    countUnseenQuestions(db, learnerId),
    db.card.count({ where: { ...activeCard, state: State.New } }),
  ]);
  const streak = await continueStreak(db, learnerId, computeStreak(reviewsPerDay), {
    timeZone: settings.timeZone,
    dayStartHour: settings.dayStartHour,
    before: days[0],
  });
  return {
    dueToday,
    newToday: Math.min(Math.max(0, settings.newCardsPerDay - introducedToday), unseen + newCards),
    streak: streak.current,
    reviewsToday: reviewsPerDay.at(-1) ?? 0,
  };
}
