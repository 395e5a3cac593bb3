import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales";

export const LocaleSchema = z.enum(LOCALES);

/** The locale a cookie or form names; the default for anything else. */
export function parseLocale(value: string | undefined): Locale {
  const parsed = LocaleSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}
