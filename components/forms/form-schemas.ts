import type { z } from "zod";
import {
  ChangePasswordSchema,
  DeleteAccountSchema,
  LoginSchema,
  ProfileSchema,
  RegisterSchema,
} from "@/lib/core/accounts/account-schemas";
import { ClassDetailsSchema, UpdateClassSchema } from "@/lib/core/classes/class-schemas";

/**
 * The schemas ValidatedForm checks with, the same the server actions parse with. Loaded with
 * `import()` by the form, so zod is not part of the pages' first-load JavaScript.
 */
export const FORM_SCHEMAS = {
  register: RegisterSchema,
  login: LoginSchema,
  changePassword: ChangePasswordSchema,
  profile: ProfileSchema,
  deleteAccount: DeleteAccountSchema,
  classDetails: ClassDetailsSchema,
  updateClass: UpdateClassSchema,
} satisfies Record<string, z.ZodType>;

export type FormSchemaName = keyof typeof FORM_SCHEMAS;
