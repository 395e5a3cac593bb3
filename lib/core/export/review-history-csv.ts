import { hashText } from "@/lib/core/deck/hash-text";

/*
 * A learner's answers in the FSRS optimiser's review-log format
 * (open-spaced-repetition/fsrs-optimizer, "card_id, review_time, review_rating, review_state,
 * review_duration"): numbers only, no byte-order mark (it would become part of the first column's
 * name), one answer a line, oldest first.
 *   card_id          a whole number per card (a hash of our card id, so it is stable);
 *   review_time      when, in ms since the Unix epoch;
 *   review_rating    1 Again, 2 Hard, 3 Good, 4 Easy;
 *   review_state     the card's state before the answer: 0 new, 1 learning, 2 review, 3 relearning;
 *   review_duration  ms spent answering.
 */

export const REVIEW_HISTORY_COLUMNS = [
  "card_id",
  "review_time",
  "review_rating",
  "review_state",
  "review_duration",
] as const;

export interface ReviewHistoryRow {
  cardId: string;
  reviewedAt: Date;
  rating: number;
  state: number;
  durationMs: number;
}

/** A stable whole number for a card id, below 2^52 so every reader keeps it exact. */
export function numericCardId(cardId: string): number {
  return Number.parseInt(hashText(`poddeck-card:${cardId}`).slice(0, 13), 16);
}

export function reviewHistoryCsv(rows: readonly ReviewHistoryRow[]): string {
  const sorted = [...rows].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  const lines = sorted.map((row) =>
    [
      numericCardId(row.cardId),
      row.reviewedAt.getTime(),
      row.rating,
      row.state,
      Math.max(0, Math.round(row.durationMs)),
    ].join(","),
  );
  return [REVIEW_HISTORY_COLUMNS.join(","), ...lines].join("\n") + "\n";
}
