import { previewOf, type PreviewResult } from "@/lib/core/deck";
import type { Db } from "../db";
import { consumeRateLimits } from "../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { buildOwnDeck } from "./own-decks";

/** Uploads and pasted documents alike; the built-in ones may be up to 1 MB (files on disk). */
export const MAX_UPLOAD_BYTES = 256 * 1024;

/**
 * What the document in `bytes` would yield as a deck, or every problem that stops it (with
 * lines): the same checks as `npm run deck`. Nothing is saved; each preview counts against the
 * user's hourly limit.
 */
export async function previewDocument(
  db: Db,
  options: { userId: string; bytes: Uint8Array; now: Date },
): Promise<PreviewResult> {
  await consumeRateLimits(db, {
    checks: [{ limit: RATE_LIMITS.deckPreviewsPerUser, key: options.userId }],
    now: options.now,
  });
  // The id only names the deck in the preview; a saved deck gets its own.
  const built = buildOwnDeck(options.bytes, "preview");
  return built.ok ? { ok: true, preview: previewOf(built.deck) } : built;
}
