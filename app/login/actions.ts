"use server";

import { CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginSchema } from "@/lib/core/accounts/account-schemas";
import { enabledOAuthProviders, signIn } from "@/lib/server/auth/auth";
import { getSignInBlock } from "@/lib/server/auth/sign-in-limits";
import { db } from "@/lib/server/db";
import { formFields, parseForm, type FormState } from "@/lib/server/form-state";
import { clientAddress, safeRedirectPath } from "@/lib/server/request";

export async function login(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(LoginSchema, formData);
  if (!parsed.ok) return parsed.state;
  const block = await getSignInBlock(db, {
    email: parsed.data.email,
    ip: clientAddress(await headers()),
    now: new Date(),
  });
  if (block) {
    return {
      status: "error",
      message: "rate_limited",
      params: { minutes: Math.ceil(block.retryAfterSeconds / 60) },
      errors: {},
    };
  }
  try {
    await signIn("credentials", {
      ...parsed.data,
      redirectTo: safeRedirectPath(formFields(formData).next ?? null, "/study"),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      // One message whether the email is unknown or the password wrong.
      return {
        status: "error",
        message: error.code === "rate_limited" ? "rate_limited_soon" : "credentials_invalid",
        errors: {},
      };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { status: "ok", errors: {} };
}

/** A GitHub or Google sign-in: the provider is a field of the button's form, so it is checked. */
export async function signInWith(formData: FormData): Promise<void> {
  const provider = formFields(formData).provider;
  const enabled = enabledOAuthProviders().find((p) => p.id === provider);
  if (!enabled) redirect("/login?error=provider");
  await signIn(enabled.id, { redirectTo: "/study" });
}
