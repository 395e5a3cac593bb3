import type { z } from "zod";
import {
  BadRequestError,
  DomainError,
  ForbiddenError,
  PayloadTooLargeError,
  RateLimitedError,
  UnsupportedMediaTypeError,
} from "./errors";

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

/** The host the browser sent this request to (a proxy in front names it in x-forwarded-host). */
function ownHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

/**
 * Refuses (403) a request another site made a browser send: its `Origin` names another host, or
 * `Sec-Fetch-Site` says it is not same-origin. Requests without either (curl, server to server)
 * pass: no browser sends a cross-site POST without them. Hosts are compared like Next.js does for
 * server actions, so a TLS-terminating proxy that forwards the host works unchanged.
 */
export function assertSameOrigin(request: Request): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new ForbiddenError("cross-site requests are refused");
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ForbiddenError("cross-site requests are refused"); // "null" and other opaque origins
  }
  if (originHost !== ownHost(request.headers)) {
    throw new ForbiddenError("cross-site requests are refused");
  }
}

/**
 * The body of a document upload, sent as `Content-Type: text/markdown` (the page sends the file's
 * bytes as they are, so their encoding is checked on the server). Cross-site callers get 403, any
 * other media type 415 (no HTML form can send text/markdown), a body over the cap 413.
 */
export async function readMarkdownBody(
  request: Request,
  options: BodyOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  assertSameOrigin(request);
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "text/markdown") {
    throw new UnsupportedMediaTypeError("send the document as Content-Type: text/markdown");
  }
  return readBody(request, options);
}

/**
 * Reads and validates the JSON body of a request that changes data: cross-site callers get 403,
 * any other media type 415 (an HTML form cannot send application/json, so no form reaches the
 * parser), a body over the cap 413, malformed JSON or a failed schema 400 — never a 500.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: BodyOptions = {},
): Promise<z.output<S>> {
  assertSameOrigin(request);
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new UnsupportedMediaTypeError("send the body as Content-Type: application/json");
  }
  const body = await readBody(request, options);
  let json: unknown;
  let holdsNul = false;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    // PostgreSQL's text cannot hold U+0000 (an insert fails), SQLite's can: no field takes it,
    // so both databases answer the same 400. Only a body with the escape pays for the walk.
    json = text.includes("\\u0000")
      ? JSON.parse(text, (key, value: unknown) => {
          if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) {
            holdsNul = true;
          }
          return value;
        })
      : JSON.parse(text);
  } catch {
    throw new BadRequestError("request body is not valid JSON");
  }
  if (holdsNul) throw new BadRequestError("request body holds a NUL character (\\u0000)");
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    throw new BadRequestError(`invalid request: ${where}${first?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/**
 * Prisma's codes for "no connection in time": an interactive transaction that could not start
 * (P2028) or a pool that had no free connection (P2024). The database is busy, not the request
 * wrong: a 503 with Retry-After, like the admission gate's.
 */
const DATABASE_BUSY_CODES = new Set(["P2028", "P2024"]);

function isDatabaseBusy(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === "PrismaClientKnownRequestError" &&
    DATABASE_BUSY_CODES.has((error as Error & { code?: unknown }).code as string)
  );
}

export function toErrorResponse(error: unknown): Response {
  if (isDatabaseBusy(error)) {
    return Response.json(
      { error: "busy", message: "the database is busy; try again in a moment" },
      { status: 503, headers: { "Retry-After": "1" } },
    );
  }
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    const body: Record<string, string> = { error: error.code, message: error.message };
    if (error instanceof RateLimitedError) {
      headers["Retry-After"] = String(error.retryAfterSeconds);
      body.limit = error.limit;
    }
    // The unread rest of a refused body would otherwise hold the connection open, paused.
    if (error instanceof PayloadTooLargeError) headers.Connection = "close";
    return Response.json(body, { status: error.status, headers });
  }
  throw error;
}
