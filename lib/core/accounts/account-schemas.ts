import { z } from "zod";

/**
 * Messages are keys (`password_too_short`) that the UI translates; see `forms.errors` in the
 * message files.
 *
 * Account forms, shared by the browser (instant field errors) and the server (the check that
 * counts). Password rules follow OWASP ASVS: length only — at least 8, at least 64 allowed, no
 * composition rules; the server also refuses common passwords (that list is too big to ship to
 * the browser).
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "email_too_long")
  .pipe(z.email("email_invalid"));

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, "password_too_short")
  .max(PASSWORD_MAX, "password_too_long");

export const DisplayNameSchema = z.string().trim().max(80, "name_too_long");

export const RegisterSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  name: DisplayNameSchema.optional(),
});

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, "password_required").max(PASSWORD_MAX, "password_too_long"),
});

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, "password_required").max(PASSWORD_MAX, "password_too_long"),
  newPassword: PasswordSchema,
});

export const ProfileSchema = z.object({
  name: DisplayNameSchema,
  locale: z.enum(["ru", "en"]),
  timeZone: z.string().trim().min(1, "timezone_unknown").max(100, "timezone_unknown"),
});

export const DeleteAccountSchema = z.object({
  confirmEmail: EmailSchema,
});

export const ROLES = ["learner", "teacher"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
