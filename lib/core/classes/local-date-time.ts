import { z } from "zod";
import { isValidTimeZone } from "@/lib/core/study/settings";
import { findInstantOfWallTime, readWallTime, type WallTime } from "@/lib/core/time/wall-time";

/*
 * A teacher types opening and due dates as local date and time in the class's time zone, the
 * way <input type="datetime-local"> sends them ("2025-03-30T02:30"). They are stored as UTC
 * instants. The rule for the two DST edge cases is Temporal's "compatible" one:
 *   - a time that does not exist (spring-forward gap, Berlin 02:30 on 30 March 2025) moves
 *     forward by the gap: 03:30 CEST, 01:30Z;
 *   - a time that happens twice (fall-back overlap, Berlin 02:30 on 26 October 2025) is the
 *     first one: 02:30 CEST, 00:30Z.
 * So a deadline never lands before the wall time the teacher typed, and the edit form shows
 * back the time the instant really has.
 */

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2025-03-30T02:30" (seconds allowed) → its fields, or null when it is no calendar time. */
export function parseLocalDateTime(text: string): WallTime | null {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall: WallTime = {
    year: year ?? 0,
    month: month ?? 0,
    day: day ?? 0,
    hour: hour ?? 0,
    minute: minute ?? 0,
    second: second ?? 0,
  };
  // Date.UTC rolls 31 April over into 1 May: a round trip shows whether the date exists.
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  const valid =
    wall.year >= 2000 &&
    wall.year <= 2999 &&
    probe.getUTCMonth() === wall.month - 1 &&
    probe.getUTCDate() === wall.day &&
    wall.hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59;
  return valid ? wall : null;
}

/** The instant a local date and time of the zone names (gap and overlap: see above). */
export function localDateTimeToInstant(text: string, timeZone: string): Date {
  const wall = parseLocalDateTime(text);
  if (!wall) throw new RangeError(`not a local date and time: ${text}`);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  return new Date(findInstantOfWallTime(wall, timeZone));
}

/** The same, or null for a malformed date or an unknown zone. */
export function tryLocalDateTimeToInstant(text: string, timeZone: string): Date | null {
  const wall = parseLocalDateTime(text);
  if (!wall || !isValidTimeZone(timeZone)) return null;
  return new Date(findInstantOfWallTime(wall, timeZone));
}

/** "YYYY-MM-DDTHH:mm" of the instant in the zone: what a datetime-local input shows. */
export function instantToLocalDateTime(instant: Date, timeZone: string): string {
  const wall = readWallTime(instant.getTime(), timeZone);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

export const LocalDateTimeSchema = z
  .string()
  .trim()
  .refine((text) => parseLocalDateTime(text) !== null, {
    message: "Enter a date and time (YYYY-MM-DDTHH:mm)",
  });

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(100)
  .refine(isValidTimeZone, { message: "Unknown time zone" });
