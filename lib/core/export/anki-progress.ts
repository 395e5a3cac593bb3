/*
 * A learner's FSRS progress in Anki's terms (ankitects/anki rslib/src/card/mod.rs,
 * rslib/src/storage/card/data.rs, rslib/src/revlog/mod.rs):
 *   cards.type   0 new, 1 learning, 2 review, 3 relearning (the same numbers as ts-fsrs State);
 *   cards.queue  0 new, 1 (re)learning with `due` a Unix time in seconds, 2 review with `due` in
 *                days since the collection's creation (`col.crt`), -1 suspended;
 *   cards.data   JSON {"s": stability (days, 4 places), "d": difficulty 1–10 (3 places),
 *                "dr": desired retention (2 places), "lrt": last review (Unix seconds)};
 *   revlog.id    the answer's time in ms; ease = the button 1–4; ivl / lastIvl the interval after
 *                and before the answer, days when positive, seconds when negative; factor, under
 *                FSRS, the difficulty after the answer as ((d-1)/9 + 0.1) × 1000 (100–1100);
 *                time = ms taken; type 0 learning, 1 review, 2 relearning (the state before).
 */

const DAY_MS = 86_400_000;

/** Our card (ts-fsrs state as stored in Card). */
export interface CardProgress {
  questionId: string;
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
  suspended: boolean;
}

/** One stored answer (ReviewLog): the card's state before it, as ts-fsrs logs it. */
export interface ReviewRecord {
  questionId: string;
  reviewedAt: Date;
  rating: number;
  state: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  /** The card's due date before this answer. */
  previousDue: Date;
  durationMs: number;
}

export interface AnkiSchedule {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  data: string;
}

export interface AnkiRevlogEntry {
  id: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Anki's revlog `factor` under FSRS: difficulty 1–10 shifted to 100–1100. */
export function fsrsRevlogFactor(difficulty: number): number {
  return Math.floor(((difficulty - 1) / 9 + 0.1) * 1000);
}

/** Anki's answer-time cap (deck option "maximum answer seconds", 60 by default). */
export const MAX_ANSWER_MS = 60_000;

/**
 * A card's scheduling columns. `crtMs` is the collection's creation (its day 0); `position` the
 * order of a new card. Without progress (or never reviewed) the card is new.
 */
export function ankiSchedule(
  progress: CardProgress | null,
  options: { crtMs: number; position: number; desiredRetention: number },
): AnkiSchedule {
  if (!progress || progress.state === 0 || progress.reps === 0) {
    return {
      type: 0,
      queue: progress?.suspended ? -1 : 0,
      due: options.position,
      ivl: 0,
      factor: 0,
      reps: 0,
      lapses: 0,
      left: 0,
      data: "",
    };
  }
  const review = progress.state === 2;
  const due = review
    ? Math.max(0, Math.floor((progress.due.getTime() - options.crtMs) / DAY_MS))
    : Math.floor(progress.due.getTime() / 1000);
  const data: Record<string, number> = {
    s: round(progress.stability, 4),
    d: round(progress.difficulty, 3),
    dr: round(options.desiredRetention, 2),
  };
  if (progress.lastReview) data.lrt = Math.floor(progress.lastReview.getTime() / 1000);
  return {
    type: progress.state,
    queue: progress.suspended ? -1 : review ? 2 : 1,
    due,
    ivl: review ? Math.max(1, progress.scheduledDays) : 0,
    // Unused under FSRS, but Anki keeps SM-2's starting ease on cards that left "new".
    factor: 2500,
    reps: progress.reps,
    lapses: progress.lapses,
    // One learning step left: Anki's next "Good" graduates the card, as ours would.
    left: review ? 0 : 1,
    data: JSON.stringify(data),
  };
}

/** An interval in revlog units: whole days, or negative seconds under a day. */
function revlogInterval(fromMs: number, toMs: number, scheduledDays: number): number {
  if (scheduledDays >= 1) return Math.round(scheduledDays);
  return -Math.max(1, Math.round((toMs - fromMs) / 1000));
}

/**
 * A card's answers as revlog rows, oldest first. Our log holds the state before each answer;
 * the state after it is the next answer's "before", or the card as it is now after the last.
 */
export function ankiRevlog(
  reviews: readonly ReviewRecord[],
  card: CardProgress | null,
): AnkiRevlogEntry[] {
  const sorted = [...reviews].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  let lastIvl = 0;
  return sorted.map((review, i) => {
    const next = sorted[i + 1];
    const after = next
      ? {
          due: next.previousDue,
          scheduledDays: next.scheduledDays,
          difficulty: next.difficulty,
        }
      : card
        ? { due: card.due, scheduledDays: card.scheduledDays, difficulty: card.difficulty }
        : null;
    const at = review.reviewedAt.getTime();
    const ivl = after ? revlogInterval(at, after.due.getTime(), after.scheduledDays) : 0;
    const entry: AnkiRevlogEntry = {
      id: at,
      ease: review.rating,
      ivl,
      lastIvl,
      factor: after ? fsrsRevlogFactor(after.difficulty) : 0,
      time: Math.min(MAX_ANSWER_MS, Math.max(0, Math.round(review.durationMs))),
      type: review.state === 2 ? 1 : review.state === 3 ? 2 : 0,
    };
    lastIvl = ivl;
    return entry;
  });
}

/** Revlog ids are the primary key: answers in the same millisecond move 1 ms apart. */
export function uniqueRevlogIds<T extends { id: number }>(entries: readonly T[]): T[] {
  const used = new Set<number>();
  return entries.map((entry) => {
    let id = entry.id;
    while (used.has(id)) id += 1;
    used.add(id);
    return { ...entry, id };
  });
}
