import { en } from "./messages/en";
import { ru, type Messages } from "./messages/ru";

// No zod here: client components import this module, and zod would join every page's first-load
// JavaScript (31 KB gzip). The schema that parses a locale lives in ./locale-schema.ts.
export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ru";
export const LOCALE_COOKIE = "lang";

const MESSAGES: Record<Locale, Messages> = { ru, en };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

export type { Messages };

/** Puts values into a message's `{name}` placeholders. */
export function fillMessage(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
