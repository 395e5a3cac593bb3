import type { Locale } from "@/lib/i18n/locales";

/*
 * Its own module, free of ts-fsrs: the study page formats the intervals in the browser, in the
 * language the learner reads.
 */

type IntervalUnit = "minute" | "hour" | "day" | "month" | "year";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const MONTH_DAYS = 30;
const YEAR_DAYS = 365;

// Russian uses CLDR's short unit forms, after a no-break space so "1,5 мес." never wraps.
const UNIT_LABELS: Record<Locale, Record<IntervalUnit, string>> = {
  en: { minute: "m", hour: "h", day: "d", month: "mo", year: "y" },
  ru: {
    minute: "\u00a0мин",
    hour: "\u00a0ч",
    day: "\u00a0дн.",
    month: "\u00a0мес.",
    year: "\u00a0г.",
  },
};

function formatAmount(amount: number, unit: IntervalUnit, locale: Locale): string {
  // One decimal, without a trailing zero, with the locale's separator: 1.5 / 1,5.
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    useGrouping: false,
  }).format(amount);
  // "5 лет", not "5 года": the one unit whose short form follows the number.
  if (locale === "ru" && unit === "year" && new Intl.PluralRules("ru").select(amount) === "many")
    return `${number}\u00a0л.`;
  return `${number}${UNIT_LABELS[locale][unit]}`;
}

/**
 * Anki-style short interval label for an answer button: minutes and days as whole numbers,
 * hours, months and years with one decimal. Thresholds are checked after rounding so 59.7
 * minutes reads "1h", not "60m".
 */
export function formatInterval(ms: number, locale: Locale): string {
  const safeMs = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (safeMs < MINUTE_MS) return `<${formatAmount(1, "minute", locale)}`;
  const minutes = Math.round(safeMs / MINUTE_MS);
  if (minutes < 60) return formatAmount(minutes, "minute", locale);
  const hours = Math.round((safeMs / HOUR_MS) * 10) / 10;
  if (hours < 24) return formatAmount(hours, "hour", locale);
  const days = Math.round(safeMs / DAY_MS);
  if (days < MONTH_DAYS) return formatAmount(days, "day", locale);
  const months = Math.round((safeMs / DAY_MS / MONTH_DAYS) * 10) / 10;
  if (months < 12) return formatAmount(months, "month", locale);
  return formatAmount(Math.round((safeMs / DAY_MS / YEAR_DAYS) * 10) / 10, "year", locale);
}
