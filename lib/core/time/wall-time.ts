/**
 * Wall-clock time in an IANA zone, from Intl alone: offsets come from the runtime's own zone
 * data, so DST and half-hour zones work in Node and in the browser without a time-zone library.
 */

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;

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

/** The wall clock of the zone at this instant (to the second). */
export function readWallTime(instantMs: number, timeZone: string): WallTime {
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

function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms (+05:30 → 19 800 000). */
export function getOffsetMs(instantMs: number, timeZone: string): number {
  return wallAsUtcMs(readWallTime(instantMs, timeZone)) - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a local wall time happens. Like Temporal's "compatible" disambiguation: in a
 * fall-back overlap the earlier instant, in a spring-forward gap the time shifted forward by
 * the gap (Berlin 02:30 on the spring-forward night → 03:30 CEST).
 */
export function findInstantOfWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = wallAsUtcMs(wall);
  // Zones change offset at most once a day, so the offsets a day either side bracket the answer.
  const offsetBefore = getOffsetMs(asUtc - DAY_MS, timeZone);
  const offsetAfter = getOffsetMs(asUtc + DAY_MS, timeZone);
  const candidates = [asUtc - offsetBefore, asUtc - offsetAfter]
    .filter((instant) => instant + getOffsetMs(instant, timeZone) === asUtc)
    .sort((a, b) => a - b);
  // In a gap neither offset fits; the one in force before it moves the time forward.
  return candidates[0] ?? asUtc - offsetBefore;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}
