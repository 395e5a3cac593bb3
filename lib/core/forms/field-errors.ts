import type { z } from "zod";

/**
 * First message per field, for forms that show one error under each input. Apart from the
 * schemas: a client component takes it without zod, which it loads only to validate.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
