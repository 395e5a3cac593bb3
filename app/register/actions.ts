"use server";

import { cookies, headers } from "next/headers";
import { RegisterSchema } from "@/lib/core/accounts/account-schemas";
import { registerUser } from "@/lib/server/auth/accounts";
import { signIn } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/db";
import { RateLimitedError } from "@/lib/server/errors";
import { formError, formFields, parseForm, type FormState } from "@/lib/server/form-state";
import { LEARNER_COOKIE, verifyLearnerCookie } from "@/lib/server/guest-cookie";
import { clientAddress } from "@/lib/server/request";

export async function register(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(RegisterSchema, formData);
  if (!parsed.ok) return parsed.state;
  const timeZone = formFields(formData).timeZone;
  try {
    await registerUser(db, {
      ...parsed.data,
      guestLearnerId: verifyLearnerCookie((await cookies()).get(LEARNER_COOKIE)?.value),
      timeZone: typeof timeZone === "string" ? timeZone : undefined,
      limitedBy: { address: clientAddress(await headers()), now: new Date() },
    });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return {
        status: "error",
        message: "registrations_rate_limited",
        params: { minutes: Math.ceil(error.retryAfterSeconds / 60) },
        errors: {},
      };
    }
    return formError(error);
  }
  await signIn("credentials", {
    email: parsed.data.email,
    password: parsed.data.password,
    redirectTo: "/study",
  });
  return { status: "ok", errors: {} };
}
