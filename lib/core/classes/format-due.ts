import type { Locale } from "@/lib/i18n/locales";
import { readWallTime } from "@/lib/core/time/wall-time";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Building Intl formatters is slow compared with using one; locales and zones are few.
const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
  key: string,
  build: () => T,
): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}

/** The due date as the student reads it, in their own zone: «30 мар. 2025 г., 03:30». */
export function formatDueAbsolute(dueAt: Date, locale: Locale, timeZone: string): string {
  return cached(
    `abs:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(dueAt);
}

export type DueUnit = "minute" | "hour" | "day";

export interface DueRelative {
  overdue: boolean;
  /** Whole units between now and the due date, never negative. */
  amount: number;
  unit: DueUnit;
  /** "due in 3 days", "due tomorrow", "2 hours overdue" / «сдать через 3 дня», «срок истёк 2 часа назад». */
  text: string;
}

function calendarDayNumber(instant: Date, timeZone: string): number {
  const wall = readWallTime(instant.getTime(), timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS;
}

/**
 * How far the due date is, for a list of assignments. Under an hour in minutes, under a day in
 * hours (both rounded down: "in 2 hours" with 2 h 59 min left never promises more time than
 * there is), beyond that in calendar days of the student's zone, so "tomorrow" means the
 * next date on their calendar, not 24 hours.
 */
export function describeDue(dueAt: Date, now: Date, locale: Locale, timeZone: string): DueRelative {
  const diff = dueAt.getTime() - now.getTime();
  const overdue = diff < 0;
  const distance = Math.abs(diff);
  let unit: DueUnit;
  let amount: number;
  if (distance < HOUR_MS) {
    unit = "minute";
    // "0 minutes overdue" would read as not overdue at all.
    amount = Math.max(overdue ? 1 : 0, Math.floor(distance / MINUTE_MS));
  } else if (distance < DAY_MS) {
    unit = "hour";
    amount = Math.floor(distance / HOUR_MS);
  } else {
    unit = "day";
    amount = Math.abs(calendarDayNumber(dueAt, timeZone) - calendarDayNumber(now, timeZone));
  }
  const relative = cached(
    `rel:${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }),
  ).format(overdue ? -amount : amount, unit);
  let text: string;
  if (locale === "ru") {
    // «через 3 дня», «завтра», «2 часа назад», «вчера»: RelativeTimeFormat declines them.
    text = overdue ? `срок истёк ${relative}` : `сдать ${relative}`;
  } else if (overdue) {
    const duration = cached(
      `dur:${locale}:${unit}`,
      () => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }),
    ).format(amount);
    text = `${duration} overdue`;
  } else {
    text = `due ${relative}`;
  }
  return { overdue, amount, unit, text };
}
