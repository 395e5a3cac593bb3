import { StudySettingsSchema, type StudySettings } from "@/lib/core/study";
import type { Db } from "../db";

/** The learner's study settings: stored JSON merged over the defaults, time zone from its column. */
export async function getStudySettings(
  database: Db,
  learnerId: string | null,
): Promise<StudySettings> {
  const learner = learnerId
    ? await database.learner.findUnique({
        where: { id: learnerId },
        select: { settings: true, timeZone: true },
      })
    : null;
  return parseStoredSettings(learner?.settings ?? null, learner?.timeZone ?? "UTC");
}

export function parseStoredSettings(json: string | null, timeZone: string): StudySettings {
  let stored: unknown = {};
  try {
    stored = json ? JSON.parse(json) : {};
  } catch {
    stored = {};
  }
  const parsed = StudySettingsSchema.safeParse({ ...(stored as object), timeZone });
  return parsed.success ? parsed.data : StudySettingsSchema.parse({ timeZone: "UTC" });
}
