import type { z } from "zod";
import { BadRequestError, DomainError, PayloadTooLargeError } from "./errors";

/**
 * Cap of a request body unless its route passes another one. The largest valid body, a
 * 5,000-character interview answer even if every character is JSON-escaped, stays under 32 KB.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface BodyOptions {
  maxBytes?: number;
}

/**
 * The body of a request, refused with 413 once it is over `maxBytes`: by its Content-Length
 * before a byte is read, else while streaming, as soon as the count passes the cap. The rest is
 * never read: the stream is cancelled and the 413 closes the connection (see `toErrorResponse`).
 */
export async function readBody(
  request: Request,
  { maxBytes = DEFAULT_MAX_BODY_BYTES }: BodyOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * Reads and validates a JSON body: over the cap 413, malformed JSON or a failed schema 400,
 * never a 500.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: BodyOptions = {},
): Promise<z.output<S>> {
  const body = await readBody(request, options);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
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
    // The unread rest of a refused body would otherwise hold the connection open, paused.
    const headers = error instanceof PayloadTooLargeError ? { Connection: "close" } : undefined;
    return Response.json(
      { error: error.code, message: error.message },
      { status: error.status, headers },
    );
  }
  throw error;
}
