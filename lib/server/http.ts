import type { z } from "zod";
import { BadRequestError, DomainError } from "./errors";

/** Reads and validates a JSON body; malformed JSON or a failed schema is a 400, never a 500. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  const MAX_BODY_BYTES = 64 * 1024;
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new BadRequestError("request body is too large");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadRequestError("request body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    throw new BadRequestError(`invalid request: ${where}${first?.message ?? "invalid"}`);
  }
  return parsed.data;
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return Response.json({ error: error.code, message: error.message }, { status: error.status });
  }
  throw error;
}
