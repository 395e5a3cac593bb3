/**
 * The study day: like Anki, a day starts at `dayStartHour` (04:00) local time, so a late-night
 * session still counts as the evening's day. Wall times come from lib/core/time (Intl only).
 */
import {
  addDays,
  findInstantOfWallTime,
  readWallTime,
  type CalendarDate,
} from "@/lib/core/time/wall-time";
import { BoundedMemo } from "@/lib/core/objects/bounded-memo";

function instantOfHour(date: CalendarDate, hour: number, timeZone: string): number {
  return findInstantOfWallTime({ ...date, hour, minute: 0, second: 0 }, timeZone);
}

/** The local calendar date the current study day is named after. */
function findStudyDate(now: Date, timeZone: string, dayStartHour: number): CalendarDate {
  const wall = readWallTime(now.getTime(), timeZone);
  const today: CalendarDate = { year: wall.year, month: wall.month, day: wall.day };
  return wall.hour < dayStartHour ? addDays(today, -1) : today;
}

interface StudyDayBounds {
  startMs: number;
  nextMs: number;
}

/**
 * The last study day computed per zone and start hour. Reading a zone's wall time through Intl
 * costs tens of µs and every study request asks several times about the same day; an instant
 * inside the remembered bounds belongs to that day, whatever the clock says now.
 */
const lastDays = new BoundedMemo<StudyDayBounds>(1000);

function findStudyDayBounds(now: Date, timeZone: string, dayStartHour: number): StudyDayBounds {
  const key = `${timeZone}|${dayStartHour}`;
  const nowMs = now.getTime();
  const last = lastDays.get(key);
  if (last && last.startMs <= nowMs && nowMs < last.nextMs) return last;
  const date = findStudyDate(now, timeZone, dayStartHour);
  return lastDays.set(key, {
    startMs: instantOfHour(date, dayStartHour, timeZone),
    nextMs: instantOfHour(addDays(date, 1), dayStartHour, timeZone),
  });
}

/** The instant the study day containing `now` began. */
export function studyDayStart(now: Date, timeZone: string, dayStartHour = 4): Date {
  return new Date(findStudyDayBounds(now, timeZone, dayStartHour).startMs);
}

/** The instant the next study day begins (23 or 25 hours away on DST change days). */
export function nextStudyDayStart(now: Date, timeZone: string, dayStartHour = 4): Date {
  return new Date(findStudyDayBounds(now, timeZone, dayStartHour).nextMs);
}

/**
 * Study days start instants by zone, start hour and calendar date: a zone's rules do not change
 * while the process runs, and /stats asks about the same year of days on every request (each
 * answer costs four Intl reads).
 */
const dayStarts = new BoundedMemo<number>(100_000);

/** The instant the study day named after `date` begins. */
export function studyDayStartOf(date: CalendarDate, timeZone: string, dayStartHour = 4): number {
  const key = `${timeZone}|${dayStartHour}|${date.year}-${date.month}-${date.day}`;
  return dayStarts.getOrCompute(key, () => instantOfHour(date, dayStartHour, timeZone));
}

/** The calendar date the study day containing `now` is named after. */
export function studyDateOf(now: Date, timeZone: string, dayStartHour = 4): CalendarDate {
  return findStudyDate(now, timeZone, dayStartHour);
}

/** "YYYY-MM-DD" of a calendar date. */
export function formatStudyDate({ year, month, day }: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** "YYYY-MM-DD" of the study day containing `now`: 03:59 local on the 10th is still "…-09". */
export function studyDayKey(now: Date, timeZone: string, dayStartHour = 4): string {
  return formatStudyDate(findStudyDate(now, timeZone, dayStartHour));
}
