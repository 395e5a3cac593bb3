import { z } from "zod";
import { isValidTimeZone } from "../study/settings";
import { normalizeJoinCode } from "./join-code";

/**
 * Class forms and the join request, shared by the browser (instant field errors) and the server
 * (the check that counts). Messages are keys the UI translates (`classes.errors`).
 */
export const CLASS_NAME_MAX = 80;
export const CLASS_DESCRIPTION_MAX = 500;
export const STUDENT_NAME_MAX = 60;

/** Record ids (cuid) in forms and paths: anything else cannot name a row. */
export const RecordIdSchema = z
  .string()
  .min(1, "not_found")
  .max(64, "not_found")
  .regex(/^[A-Za-z0-9_-]+$/, "not_found");

/**
 * The teacher dashboard's query: the assignment whose table is shown and the mastery grid's page
 * of students. A value that is not one (a list, a word) is simply not chosen: the default view.
 */
export const DashboardQuerySchema = z.object({
  assignment: z.string().optional().catch(undefined),
  mastery: z.coerce.number().int().min(1).optional().catch(undefined),
});

export const ClassNameSchema = z
  .string()
  .trim()
  .min(1, "class_name_required")
  .max(CLASS_NAME_MAX, "class_name_too_long");

/** Optional: blank means none (stored as null). */
export const ClassDescriptionSchema = z
  .string()
  .trim()
  .max(CLASS_DESCRIPTION_MAX, "class_description_too_long")
  .optional()
  .transform((text) => text || null);

export const ClassTimeZoneSchema = z
  .string()
  .trim()
  .min(1, "timezone_unknown")
  .max(100, "timezone_unknown")
  .refine(isValidTimeZone, "timezone_unknown");

export const ClassDetailsSchema = z.object({
  name: ClassNameSchema,
  description: ClassDescriptionSchema,
  timeZone: ClassTimeZoneSchema,
});
export type ClassDetails = z.output<typeof ClassDetailsSchema>;

export const UpdateClassSchema = ClassDetailsSchema.extend({ classId: RecordIdSchema });

export const ClassFormSchema = z.object({ classId: RecordIdSchema });

const FlagSchema = z.enum(["true", "false"]).transform((value) => value === "true");

export const JoiningOpenFormSchema = ClassFormSchema.extend({ open: FlagSchema });
export const ArchiveFormSchema = ClassFormSchema.extend({ archived: FlagSchema });
export const RemoveStudentFormSchema = ClassFormSchema.extend({ enrollmentId: RecordIdSchema });

// Control, format (bidi overrides, zero-width) and unassigned characters have no place in a name.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]/u;

/** The name a student is shown under on the roster: required for a guest, one line, no tricks. */
export const StudentNameSchema = z
  .string()
  .max(STUDENT_NAME_MAX * 4, "student_name_too_long")
  .transform((name) => name.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "student_name_required")
      .max(STUDENT_NAME_MAX, "student_name_too_long")
      .refine((name) => !INVISIBLE.test(name), "student_name_invalid"),
  );

/** The body of a join request. A signed-in student may leave the name out (the account's is used). */
export const JoinClassSchema = z.object({
  displayName: z
    .string()
    .optional()
    .transform((name) => (name?.trim() ? name : undefined))
    .pipe(StudentNameSchema.optional()),
});
export type JoinClassInput = z.output<typeof JoinClassSchema>;

/** What a student typed or a link carries, in its stored form. */
export const JoinCodeSchema = z.string().transform((input, ctx) => {
  const code = normalizeJoinCode(input);
  if (code === null) {
    ctx.addIssue({ code: "custom", message: "join_code_invalid" });
    return z.NEVER;
  }
  return code;
});
