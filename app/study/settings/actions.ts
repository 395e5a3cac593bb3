"use server";

import { db } from "@/lib/server/db";
import { RateLimitedError } from "@/lib/server/errors";
import { formFields } from "@/lib/server/form-state";
import { requireLearnerId } from "@/lib/server/learners";
import { isSecureRequest } from "@/lib/server/request";
import {
  parseSettingsForm,
  updateStudySettings,
  type SettingsFieldErrors,
} from "@/lib/server/study/settings";

export interface SettingsFormState {
  status: "idle" | "saved" | "invalid" | "rate_limited";
  errors: SettingsFieldErrors;
  /** When rate limited: the limit's bucket and the seconds to wait. */
  limit?: string;
  retryAfterSeconds?: number;
}

export async function saveStudySettings(
  _prev: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const parsed = parseSettingsForm(formFields(formData));
  if (!parsed.ok) return { status: "invalid", errors: parsed.errors };
  let learnerId: string;
  try {
    learnerId = await requireLearnerId({
      timeZone: parsed.settings.timeZone,
      secure: await isSecureRequest(),
    });
  } catch (error) {
    // A first-time visitor becomes a guest here, which its address may have done too often.
    if (!(error instanceof RateLimitedError)) throw error;
    const { limit, retryAfterSeconds } = error;
    return { status: "rate_limited", errors: {}, limit, retryAfterSeconds };
  }
  await updateStudySettings(db, { learnerId, settings: parsed.settings });
  return { status: "saved", errors: {} };
}
