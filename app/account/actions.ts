"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import {
  ChangePasswordSchema,
  DeleteAccountSchema,
  ProfileSchema,
} from "@/lib/core/accounts/account-schemas";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import {
  becomeTeacher,
  changePassword,
  deleteAccount,
  updateProfile,
} from "@/lib/server/auth/accounts";
import { signOut } from "@/lib/server/auth/auth";
import { getCurrentUser, requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { formError, parseForm, type FormState } from "@/lib/server/form-state";

export async function saveProfile(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(ProfileSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    const user = await requireUser();
    await updateProfile(db, { userId: user.id, ...parsed.data });
  } catch (error) {
    return formError(error);
  }
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
  });
  return { status: "ok", errors: {} };
}

export async function savePassword(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(ChangePasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    const user = await requireUser();
    await changePassword(db, { userId: user.id, ...parsed.data });
  } catch (error) {
    return formError(error);
  }
  // Every session just ended; the cookie of this one goes too.
  await signOut({ redirect: false });
  redirect("/login?reason=password-changed");
}

export async function removeAccount(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(DeleteAccountSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    const user = await requireUser();
    await deleteAccount(db, { userId: user.id, confirmEmail: parsed.data.confirmEmail });
  } catch (error) {
    return formError(error);
  }
  await signOut({ redirect: false });
  redirect("/?reason=account-deleted");
}

export async function upgradeToTeacher(): Promise<void> {
  // A forged call without a session goes to sign-in rather than failing with a 500.
  const user = await getCurrentUser();
  if (!user) redirect("/login?next=/account");
  await becomeTeacher(db, { userId: user.id });
  redirect("/account?reason=teacher");
}

export async function logOut(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
