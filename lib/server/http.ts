import type { z } from "zod";
import { BadRequestError, DomainError, RateLimitedError } from "./errors";

/**
 * Reads and validates a JSON body; malformed JSON, a failed schema or a body over `maxBytes`
 * (64 KiB unless a route asks for less) is a 400, never a 500.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const tooLarge = () => new BadRequestError("request body is too large");
  // A declared length over the limit is refused before the body is read.
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
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
    const headers: Record<string, string> =
      error instanceof RateLimitedError ? { "Retry-After": String(error.retryAfterSeconds) } : {};
    return Response.json(
      { error: error.code, message: error.message },
      { status: error.status, headers },
    );
  }
  throw error;
}
