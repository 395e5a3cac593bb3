"use server";

import { after } from "next/server";
import { db } from "@/lib/server/db";
import { RateLimitedError } from "@/lib/server/errors";
import { formFields } from "@/lib/server/form-state";
import { getLearnerId, requireLearnerId } from "@/lib/server/learners";
import { isSecureRequest } from "@/lib/server/request";
import {
  getFsrsOptimisationState,
  requestFsrsOptimisation,
  resetFsrsParameters,
  type FsrsOptimisationState,
} from "@/lib/server/study/fsrs-optimiser/jobs";
import { kickFsrsOptimisations } from "@/lib/server/study/fsrs-optimiser/worker-loop";
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

export interface FsrsFormState {
  status: "idle" | "queued" | "reset" | "no_history" | "rate_limited";
  optimisation: FsrsOptimisationState | null;
  limit?: string;
  retryAfterSeconds?: number;
}

/**
 * "Optimise my parameters": queues the job (or finds the one in progress) and has this
 * instance's worker run it once the response is sent; the page then polls for progress.
 */
export async function optimiseFsrsParameters(): Promise<FsrsFormState> {
  const learnerId = await getLearnerId();
  // A visitor who never answered has no learner, so no history to fit.
  if (!learnerId) return { status: "no_history", optimisation: null };
  try {
    await requestFsrsOptimisation(db, { learnerId, now: new Date() });
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const { limit, retryAfterSeconds } = error;
    const optimisation = await getFsrsOptimisationState(db, { learnerId });
    return { status: "rate_limited", optimisation, limit, retryAfterSeconds };
  }
  after(() => kickFsrsOptimisations(db));
  return { status: "queued", optimisation: await getFsrsOptimisationState(db, { learnerId }) };
}

/** Back to the default parameters for future reviews. */
export async function resetFsrsParametersToDefaults(): Promise<FsrsFormState> {
  const learnerId = await getLearnerId();
  if (learnerId) await resetFsrsParameters(db, { learnerId });
  return { status: "reset", optimisation: await getFsrsOptimisationState(db, { learnerId }) };
}
