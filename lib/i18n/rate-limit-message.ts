import { formatMessage } from "./format-message";
import type { Messages } from "./locales";

/** Which message a refused request gets, by the part of its limit's bucket before the colon. */
const MESSAGE_OF_LIMIT: Record<
  string,
  "answers" | "practiceTests" | "interviews" | "guests" | "deckPreviews" | "fsrsOptimisations"
> = {
  "study-answers": "answers",
  "practice-answers": "answers",
  "interview-answers": "answers",
  "practice-tests": "practiceTests",
  interviews: "interviews",
  guests: "guests",
  "deck-previews": "deckPreviews",
  "fsrs-optimisations": "fsrsOptimisations",
};

/** "40 s" under a minute, else whole minutes rounded up. */
export function formatWait(t: Messages["limits"], seconds: number): string {
  return seconds < 60
    ? formatMessage(t.seconds, { n: Math.max(1, Math.ceil(seconds)) })
    : formatMessage(t.minutes, { n: Math.ceil(seconds / 60) });
}

/**
 * What to tell a learner whose request was refused with 429: which limit (the `limit` field of
 * the answer names its bucket) and how long to wait (`Retry-After`, a minute when missing).
 */
export function rateLimitMessage(
  t: Messages["limits"],
  refusal: { limit?: string; retryAfterSeconds?: number | null },
): string {
  const kind = MESSAGE_OF_LIMIT[refusal.limit?.split(":")[0] ?? ""] ?? "other";
  return formatMessage(t[kind], { wait: formatWait(t, refusal.retryAfterSeconds ?? 60) });
}
