/**
 * The study day: like Anki, a day starts at `dayStartHour` (04:00) local time, so a late-night
 * session still counts as the evening's day. Offsets come from Intl, so DST and half-hour zones
 * work in Node and in the browser without a time-zone library.
 */

interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// Building a DateTimeFormat is slow compared with using one; zones are few, so keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function readWallTime(instantMs: number, timeZone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of getFormatter(timeZone).formatToParts(instantMs)) {
    const value = Number(part.value);
    switch (part.type) {
      case "year":
      case "month":
      case "day":
      case "hour":
      case "minute":
      case "second":
        wall[part.type] = value;
        break;
    }
  }
  // Some engines still print midnight as "24" despite hourCycle h23.
  if (wall.hour === 24) wall.hour = 0;
  return wall;
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms (+05:30 → 19 800 000). */
function getOffsetMs(instantMs: number, timeZone: string): number {
  const wall = readWallTime(instantMs, timeZone);
  const wallAsUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
  );
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a local wall time happens. Like Temporal's "compatible" choice: in a fall-back
 * overlap the earlier instant, in a spring-forward gap the time shifted forward by the gap.
 */
function findInstantOfWallTime(date: CalendarDate, hour: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, hour);
  // Zones change offset at most once a day, so the offsets a day either side bracket the answer.
  const offsetBefore = getOffsetMs(wallAsUtc - DAY_MS, timeZone);
  const offsetAfter = getOffsetMs(wallAsUtc + DAY_MS, timeZone);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter]
    .filter((instant) => instant + getOffsetMs(instant, timeZone) === wallAsUtc)
    .sort((a, b) => a - b);
  return candidates[0] ?? wallAsUtc - offsetBefore;
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The local calendar date the current study day is named after. */
function findStudyDate(now: Date, timeZone: string, dayStartHour: number): CalendarDate {
  const wall = readWallTime(now.getTime(), timeZone);
  const today: CalendarDate = { year: wall.year, month: wall.month, day: wall.day };
  return wall.hour < dayStartHour ? addDays(today, -1) : today;
}

/** The instant the study day containing `now` began. */
export function studyDayStart(now: Date, timeZone: string, dayStartHour = 4): Date {
  const date = findStudyDate(now, timeZone, dayStartHour);
  return new Date(findInstantOfWallTime(date, dayStartHour, timeZone));
}

/** The instant the next study day begins (23 or 25 hours away on DST change days). */
export function nextStudyDayStart(now: Date, timeZone: string, dayStartHour = 4): Date {
  const date = addDays(findStudyDate(now, timeZone, dayStartHour), 1);
  return new Date(findInstantOfWallTime(date, dayStartHour, timeZone));
}

/** "YYYY-MM-DD" of the study day containing `now`: 03:59 local on the 10th is still "…-09". */
export function studyDayKey(now: Date, timeZone: string, dayStartHour = 4): string {
  const { year, month, day } = findStudyDate(now, timeZone, dayStartHour);
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}
