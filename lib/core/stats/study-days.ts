import { formatStudyDate, studyDateOf, studyDayStartOf } from "@/lib/core/study/study-day";
import { addDays } from "@/lib/core/time/wall-time";

/** One study day of a learner: from its 04:00 local start to the next one (23–25 hours). */
export interface StudyDay {
  /** "YYYY-MM-DD" the day is named after, in the learner's time zone. */
  key: string;
  start: Date;
  end: Date;
}

export interface StudyDayOptions {
  now: Date;
  timeZone: string;
  dayStartHour: number;
  count: number;
}

/**
 * The `count` study days ending with the one that contains `now`, oldest first. Walks back by
 * calendar date, each day's start remembered (studyDayStartOf): a year costs 365 lookups.
 */
export function listPastStudyDays(options: StudyDayOptions): StudyDay[] {
  const { now, timeZone, dayStartHour, count } = options;
  const days: StudyDay[] = [];
  let date = studyDateOf(now, timeZone, dayStartHour);
  let end = studyDayStartOf(addDays(date, 1), timeZone, dayStartHour);
  while (days.length < count) {
    const start = studyDayStartOf(date, timeZone, dayStartHour);
    // A date a zone skipped (Samoa, 30 December 2011) has no study day.
    if (start < end) {
      days.push({ key: formatStudyDate(date), start: new Date(start), end: new Date(end) });
      end = start;
    }
    date = addDays(date, -1);
  }
  return days.reverse();
}

/**
 * The `count` study days starting with the one that contains `now`, oldest first: forward by
 * calendar date, like listPastStudyDays, each start remembered (finding each next day from the
 * last one's start cost seven Intl reads a day).
 */
export function listComingStudyDays(options: StudyDayOptions): StudyDay[] {
  const { now, timeZone, dayStartHour, count } = options;
  const days: StudyDay[] = [];
  let date = studyDateOf(now, timeZone, dayStartHour);
  let start = studyDayStartOf(date, timeZone, dayStartHour);
  while (days.length < count) {
    const next = addDays(date, 1);
    const end = studyDayStartOf(next, timeZone, dayStartHour);
    // A date a zone skipped (Samoa, 30 December 2011) has no study day.
    if (start < end) {
      days.push({ key: formatStudyDate(date), start: new Date(start), end: new Date(end) });
      start = end;
    }
    date = next;
  }
  return days;
}

/** One value per day, in the days' order, from rows keyed by day index (`empty` where none). */
export function spreadOverDays<T>(
  days: readonly StudyDay[],
  rows: readonly { day: number; value: T }[],
  empty: T,
): { key: string; value: T }[] {
  const byDay = new Map(rows.map((row) => [row.day, row.value]));
  return days.map((day, index) => ({ key: day.key, value: byDay.get(index) ?? empty }));
}
