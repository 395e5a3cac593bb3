"use server";

import { db } from "@/lib/server/db";
import { requireLearnerId } from "@/lib/server/learners";
import { isSecureRequest } from "@/lib/server/request";
import {
  parseSettingsForm,
  updateStudySettings,
  type SettingsFieldErrors,
} from "@/lib/server/study/settings";

export interface SettingsFormState {
  status: "idle" | "saved" | "invalid";
  errors: SettingsFieldErrors;
}

export async function saveStudySettings(
  _prev: SettingsFormState,
  formData: FormData,
): Promise<SettingsFormState> {
  const parsed = parseSettingsForm(Object.fromEntries(formData));
  if (!parsed.ok) return { status: "invalid", errors: parsed.errors };
  const learnerId = await requireLearnerId({
    timeZone: parsed.settings.timeZone,
    secure: await isSecureRequest(),
  });
  await updateStudySettings(db, { learnerId, settings: parsed.settings });
  return { status: "saved", errors: {} };
}
