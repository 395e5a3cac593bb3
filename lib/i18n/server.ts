import { cookies } from "next/headers";
import { parseLocale } from "./locale-schema";
import { LOCALE_COOKIE, messagesFor, type Locale, type Messages } from "./locales";

/** The UI language chosen by the visitor (cookie), Russian by default. */
export async function getLocale(): Promise<Locale> {
  return parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: messagesFor(locale) };
}
