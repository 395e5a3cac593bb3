import { FsrsParametersSchema, StudySettingsSchema, type StudySettings } from "@/lib/core/study";
import type { Db } from "../db";
import { BoundedMemo } from "@/lib/core/objects/bounded-memo";
import { deepFreeze } from "@/lib/core/objects/deep-freeze";

/** The columns of a learner its study settings are read from. */
export const LEARNER_SETTINGS_SELECT = {
  settings: true,
  timeZone: true,
  fsrsParameters: true,
} as const;

/**
 * The learner's study settings: stored JSON merged over the defaults, time zone and fitted FSRS
 * parameters from their columns.
 */
export async function getStudySettings(
  database: Db,
  learnerId: string | null,
): Promise<StudySettings> {
  const learner = learnerId
    ? await database.learner.findUnique({
        where: { id: learnerId },
        select: LEARNER_SETTINGS_SELECT,
      })
    : null;
  return parseStoredSettings(
    learner?.settings ?? null,
    learner?.timeZone ?? "UTC",
    learner?.fsrsParameters ?? null,
  );
}

function parseJson(json: string | null): unknown {
  try {
    return json ? JSON.parse(json) : null;
  } catch {
    return null;
  }
}

/**
 * Parsed settings by their stored text: every study request parses the same few strings, and
 * the schemas cost more than the rest of reading them. Frozen, since callers share them.
 */
const parsedSettings = new BoundedMemo<Readonly<StudySettings>>(1000);

export function parseStoredSettings(
  json: string | null,
  timeZone: string,
  fsrsParametersJson: string | null = null,
): Readonly<StudySettings> {
  const key = JSON.stringify([json, timeZone, fsrsParametersJson]);
  return parsedSettings.getOrCompute(key, () =>
    deepFreeze(parseSettings(json, timeZone, fsrsParametersJson)),
  );
}

function parseSettings(
  json: string | null,
  timeZone: string,
  fsrsParametersJson: string | null,
): StudySettings {
  const stored = parseJson(json) ?? {};
  // Parameters that do not parse (never written so) fall back to the defaults, not to an error.
  const parameters = FsrsParametersSchema.safeParse(parseJson(fsrsParametersJson));
  const fsrsParameters = parameters.success ? parameters.data : null;
  const parsed = StudySettingsSchema.safeParse({
    ...(stored as object),
    timeZone,
    fsrsParameters,
  });
  return parsed.success
    ? parsed.data
    : StudySettingsSchema.parse({ timeZone: "UTC", fsrsParameters });
}
