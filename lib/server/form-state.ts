import { z } from "zod";
import { fieldErrors } from "@/lib/core/accounts/account-schemas";
import { DomainError } from "./errors";
import { FieldError } from "./auth/accounts";

/** What every server action behind a form returns to `useActionState`. */
export interface FormState {
  status: "idle" | "ok" | "error";
  /** A message key for the whole form (translated by the form). */
  message?: string;
  /** Message keys per field. */
  errors: Record<string, string>;
  /** Values for the message (e.g. minutes to wait). */
  params?: Record<string, string | number>;
}

export const IDLE: FormState = { status: "idle", errors: {} };

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.output<S> } | { ok: false; state: FormState } {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, state: { status: "error", errors: fieldErrors(parsed.error) } };
}

/** Turns a domain error into form feedback; anything else is a real failure and propagates. */
export function formError(error: unknown): FormState {
  if (error instanceof FieldError)
    return { status: "error", errors: { [error.field]: error.message } };
  if (error instanceof DomainError) return { status: "error", message: error.code, errors: {} };
  throw error;
}
