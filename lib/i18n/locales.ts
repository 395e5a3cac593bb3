import { en } from "./messages/en";
import { ru, type Messages } from "./messages/ru";

// No zod here (31 KB gzip of first-load JavaScript); the schema that parses a locale lives in
// ./locale-schema.ts. Client modules import only types from here: the messages of both
// languages come with this module, and pages pass each client component its own part.
export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ru";
export const LOCALE_COOKIE = "lang";

const MESSAGES: Record<Locale, Messages> = { ru, en };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

export type { Messages };

// The same function under the name server code uses; client modules import it from
// ./format-message, since this module brings both languages' messages along.
export { formatMessage as fillMessage } from "./format-message";
