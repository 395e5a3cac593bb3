import type { StepUnit } from "ts-fsrs";
import { z } from "zod";

/**
 * ts-fsrs reads a step with parseInt, so "1.5m" would silently become "1m" and "10s" would throw
 * mid-review: only whole positive numbers with a minute, hour or day unit pass.
 */
const STEP_PATTERN = /^[1-9]\d*[mhd]$/;

export const StepUnitSchema = z
  .string()
  .refine((value): value is StepUnit => STEP_PATTERN.test(value), {
    message: 'A step is a whole number and a unit: "1m", "10m", "1h", "1d"',
  });

// Settings are parsed on every study request and building a DateTimeFormat is slow; a zone the
// runtime knows stays known, so each one is checked once. Capped: Intl also accepts any casing
// of a name, and those variants must not grow the set without end.
const knownTimeZones = new Set<string>();
const MAX_KNOWN_TIME_ZONES = 1000;

/** True when the runtime knows the IANA zone name (Intl throws a RangeError otherwise). */
export function isValidTimeZone(timeZone: string): boolean {
  if (knownTimeZones.has(timeZone)) return true;
  try {
    Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return false;
  }
  if (knownTimeZones.size < MAX_KNOWN_TIME_ZONES) knownTimeZones.add(timeZone);
  return true;
}

/** FSRS-6 parameters as ts-fsrs and the reference optimiser use them: 21 finite numbers. */
export const FsrsParametersSchema = z.array(z.number().finite()).length(21).readonly();

export const StudySettingsSchema = z.object({
  /** Probability of recall FSRS aims for when it picks an interval. */
  desiredRetention: z.number().min(0.7).max(0.99).default(0.9),
  /** Days. */
  maximumInterval: z.number().int().min(1).max(36500).default(36500),
  newCardsPerDay: z.number().int().min(0).max(9999).default(20),
  reviewsPerDay: z.number().int().min(0).max(9999).default(200),
  // Readonly arrays: the defaults are shared, so nobody may push into them.
  learningSteps: z
    .array(StepUnitSchema)
    .max(10)
    .default((): StepUnit[] => ["1m", "10m"])
    .readonly(),
  relearningSteps: z
    .array(StepUnitSchema)
    .max(10)
    .default((): StepUnit[] => ["10m"])
    .readonly(),
  /** Spreads due dates a little so cards learned together do not stay together forever. */
  enableFuzz: z.boolean().default(true),
  timeZone: z
    .string()
    .min(1)
    .refine(isValidTimeZone, { message: "Unknown time zone" })
    .default("UTC"),
  /** Local hour at which a new study day begins (Anki's "next day starts at"). */
  dayStartHour: z.number().int().min(0).max(23).default(4),
  /**
   * Parameters fitted to the learner's own history ("optimise my parameters"); null: ts-fsrs's
   * defaults. Stored in their own column, not with the form's settings.
   */
  fsrsParameters: FsrsParametersSchema.nullable().default(null),
});

export type StudySettings = z.output<typeof StudySettingsSchema>;
/** What a form or a stored JSON blob may hold: every field optional, defaults fill the gaps. */
export type StudySettingsInput = z.input<typeof StudySettingsSchema>;

export const DEFAULT_STUDY_SETTINGS: Readonly<StudySettings> = Object.freeze(
  StudySettingsSchema.parse({}),
);
