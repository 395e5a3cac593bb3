import { z } from "zod";
import { en } from "./messages/en";
import { ru, type Messages } from "./messages/ru";

export const LOCALES = ["ru", "en"] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;
export const DEFAULT_LOCALE: Locale = "ru";
export const LOCALE_COOKIE = "lang";

const MESSAGES: Record<Locale, Messages> = { ru, en };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

export function parseLocale(value: string | undefined): Locale {
  const parsed = LocaleSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}

export type { Messages };

/** Puts values into a message's `{name}` placeholders. */
export function fillMessage(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
