import type { Messages } from "@/lib/i18n/locales";
import { rateLimitMessage } from "@/lib/i18n/rate-limit-message";

/**
 * A failed call to one of our JSON routes, with the server's message and error code; a 429 also
 * names its limit and how many seconds to wait (Retry-After).
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly limit?: string,
    readonly retryAfterSeconds?: number | null,
  ) {
    super(message);
  }
}

/** The ApiError of a response that is not ok. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const json = (await response.json().catch(() => ({}))) as {
    message?: string;
    error?: string;
    limit?: string;
  };
  const retryAfter = Number(response.headers.get("Retry-After"));
  return new ApiError(
    json.message ?? response.statusText,
    response.status,
    json.error,
    json.limit,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** What to tell the learner when `error` is a 429 (which limit, how long to wait); else null. */
export function rateLimitNotice(error: unknown, t: Messages["limits"]): string | null {
  return error instanceof ApiError && error.status === 429 ? rateLimitMessage(t, error) : null;
}
