import { ApiError } from "@/components/api-error";
import { fillMessage, type Messages } from "@/lib/i18n/locales";

type T = Messages["live"];

/** What a player is told when the server refused: by the error's code, else by its status. */
export function liveErrorMessage(error: unknown, t: T): string {
  if (!(error instanceof ApiError)) return t.errors.network;
  if (error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return fillMessage(t.errors.rate_limited, { minutes });
  }
  const code = error.code ?? "";
  if (Object.hasOwn(t.errors, code)) return t.errors[code as keyof T["errors"]];
  if (error.status === 404) return t.errors.not_found;
  if (error.status === 403) return t.errors.forbidden;
  return t.errors.other;
}
