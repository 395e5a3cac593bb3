import { ApiError, apiErrorOf } from "@/components/api-error";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";

type T = Messages["live"];

/** What a player is told when the server refused: by the error's code, else by its status. */
export function liveErrorMessage(error: unknown, t: T): string {
  if (!(error instanceof ApiError)) return t.errors.network;
  if (error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return formatMessage(t.errors.rate_limited, { minutes });
  }
  const code = error.code ?? "";
  if (Object.hasOwn(t.errors, code)) return t.errors[code as keyof T["errors"]];
  if (error.status === 404) return t.errors.not_found;
  if (error.status === 403) return t.errors.forbidden;
  return t.errors.other;
}

/**
 * One request of a phone form (the PIN, the nickname): busy meanwhile, `onOk` when it went
 * through, otherwise what the server refused (or the network) as the form's error.
 */
export async function sendLiveForm(options: {
  send: () => Promise<Response>;
  onOk: () => void;
  setBusy: (busy: boolean) => void;
  setError: (error: string | null) => void;
  t: T;
}): Promise<void> {
  const { send, onOk, setBusy, setError, t } = options;
  setBusy(true);
  setError(null);
  try {
    const response = await send();
    if (response.ok) {
      onOk();
      return;
    }
    setError(liveErrorMessage(await apiErrorOf(response), t));
  } catch {
    setError(t.errors.network);
  }
  setBusy(false);
}
