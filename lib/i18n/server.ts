import { cookies } from "next/headers";
import { LOCALE_COOKIE, messagesFor, parseLocale, type Locale, type Messages } from "./locales";

/** The UI language chosen by the visitor (cookie), Russian by default. */
export async function getLocale(): Promise<Locale> {
  return parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: messagesFor(locale) };
}
