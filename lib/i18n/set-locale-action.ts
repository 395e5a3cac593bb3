"use server";

import { cookies } from "next/headers";
import { formFields } from "@/lib/server/form-state";
import { LocaleSchema } from "./locale-schema";
import { LOCALE_COOKIE } from "./locales";

export async function setLocale(formData: FormData): Promise<void> {
  const parsed = LocaleSchema.safeParse(formFields(formData).locale);
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: false,
  });
}
