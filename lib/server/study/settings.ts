import { z } from "zod";
import { StepUnitSchema, StudySettingsSchema, type StudySettings } from "@/lib/core/study";
import type { Db } from "../db";

const stepList = z
  .string()
  .trim()
  .transform((value) => (value ? value.split(/[\s,]+/) : []))
  .pipe(z.array(StepUnitSchema).max(10));

/** The settings form: strings from FormData, coerced and checked against the core's limits. */
export const StudySettingsFormSchema = z.object({
  desiredRetention: z.coerce.number().pipe(StudySettingsSchema.shape.desiredRetention.unwrap()),
  maximumInterval: z.coerce.number().pipe(StudySettingsSchema.shape.maximumInterval.unwrap()),
  newCardsPerDay: z.coerce.number().pipe(StudySettingsSchema.shape.newCardsPerDay.unwrap()),
  reviewsPerDay: z.coerce.number().pipe(StudySettingsSchema.shape.reviewsPerDay.unwrap()),
  learningSteps: stepList,
  relearningSteps: stepList,
  timeZone: StudySettingsSchema.shape.timeZone.unwrap(),
});

export type SettingsFieldErrors = Partial<
  Record<keyof z.input<typeof StudySettingsFormSchema>, string>
>;

export function parseSettingsForm(
  form: Record<string, unknown>,
):
  | { ok: true; settings: z.output<typeof StudySettingsFormSchema> }
  | { ok: false; errors: SettingsFieldErrors } {
  const parsed = StudySettingsFormSchema.safeParse(form);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: SettingsFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof SettingsFieldErrors;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

export async function updateStudySettings(
  db: Db,
  options: { learnerId: string; settings: z.output<typeof StudySettingsFormSchema> },
): Promise<StudySettings> {
  const { timeZone, ...rest } = options.settings;
  await db.learner.update({
    where: { id: options.learnerId },
    data: { timeZone, settings: JSON.stringify(rest) },
  });
  return StudySettingsSchema.parse({ ...rest, timeZone });
}
