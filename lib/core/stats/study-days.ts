import { nextStudyDayStart, studyDayKey, studyDayStart } from "@/lib/core/study/study-day";

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

/** The `count` study days ending with the one that contains `now`, oldest first. */
export function listPastStudyDays(options: StudyDayOptions): StudyDay[] {
  const { now, timeZone, dayStartHour, count } = options;
  const days: StudyDay[] = [];
  let start = studyDayStart(now, timeZone, dayStartHour);
  let end = nextStudyDayStart(now, timeZone, dayStartHour);
  for (let i = 0; i < count; i++) {
    days.push({ key: studyDayKey(start, timeZone, dayStartHour), start, end });
    end = start;
    // The millisecond before a day starts belongs to the day before it.
    start = studyDayStart(new Date(start.getTime() - 1), timeZone, dayStartHour);
  }
  return days.reverse();
}

/** The `count` study days starting with the one that contains `now`, oldest first. */
export function listComingStudyDays(options: StudyDayOptions): StudyDay[] {
  const { now, timeZone, dayStartHour, count } = options;
  const days: StudyDay[] = [];
  let start = studyDayStart(now, timeZone, dayStartHour);
  for (let i = 0; i < count; i++) {
    const end = nextStudyDayStart(start, timeZone, dayStartHour);
    days.push({ key: studyDayKey(start, timeZone, dayStartHour), start, end });
    start = end;
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
