import { z } from "zod";
import { fieldErrors } from "@/lib/core/forms/field-errors";
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

/** A form's fields by name; none when a forged call passed something else than a FormData. */
export function formFields(formData: unknown): Record<string, FormDataEntryValue> {
  return formData instanceof FormData ? Object.fromEntries(formData) : {};
}

/**
 * The fields of a form, checked by `schema`. The argument is whatever the request carried: a
 * forged call can pass anything in place of the FormData.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: unknown,
): { ok: true; data: z.output<S> } | { ok: false; state: FormState } {
  const parsed = schema.safeParse(formFields(formData));
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
