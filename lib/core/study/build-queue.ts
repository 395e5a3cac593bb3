import type { QuestionKind } from "@/lib/core/deck/types";
import { State, type CardState } from "./scheduler";
import type { StudySettings } from "./settings";
import { nextStudyDayStart, studyDayStart } from "./study-day";

export interface QueueCard {
  questionId: string;
  kind: QuestionKind;
  /** Questions from the same fact share it; only one of them is shown per study day. */
  siblingKey: string;
  /** null: never seen (a new card). */
  state: CardState | null;
  suspended: boolean;
  buriedUntil?: Date | null;
  /** The aspect the question tests (e.g. "networking"); needed only when the queue is filtered. */
  aspect?: string;
}

export type QueueReason = "learning" | "review" | "new";

export interface QueueEntry {
  questionId: string;
  reason: QueueReason;
}

export interface QueueCounts {
  learning: number;
  review: number;
  new: number;
}

export interface BuildStudyQueueInput {
  now: Date;
  settings: Pick<StudySettings, "newCardsPerDay" | "reviewsPerDay" | "timeZone" | "dayStartHour">;
  cards: readonly QueueCard[];
  newIntroducedToday: number;
  reviewsDoneToday: number;
  /** Sibling keys of the cards answered since the current study day began. */
  siblingKeysStudiedToday: readonly string[];
  /** Study only questions about these aspects (e.g. the weakest one from /stats); all when absent. */
  aspects?: readonly string[];
  /** Study only questions of these kinds; all when absent. */
  kinds?: readonly QuestionKind[];
  /**
   * An assignment's study session: the questions still short of its goal (no Good or Easy
   * answer since it opened). See `buildStudyQueue` for how they are queued.
   */
  goalQuestionIds?: ReadonlySet<string>;
}

interface Candidate {
  card: QueueCard;
  index: number;
}

/** By due date; input order breaks ties so the queue never depends on sort stability. */
function sortByDue(candidates: Candidate[]): Candidate[] {
  const dueMs = (candidate: Candidate) => candidate.card.state?.due.getTime() ?? 0;
  return [...candidates].sort((a, b) => dueMs(a) - dueMs(b) || a.index - b.index);
}

/**
 * Round-robin over kinds (in order of first appearance), keeping input order within a kind.
 * Ranks come from *all* cards, not only the new ones left, so the interleaving stays the same
 * as cards get answered (otherwise the kind listed first would come back after every answer).
 */
function interleaveByKind(candidates: Candidate[], all: readonly QueueCard[]): Candidate[] {
  const kindOrder = new Map<QuestionKind, number>();
  const seenOfKind = new Map<QuestionKind, number>();
  const rank: number[] = [];
  for (const card of all) {
    if (!kindOrder.has(card.kind)) kindOrder.set(card.kind, kindOrder.size);
    const seen = seenOfKind.get(card.kind) ?? 0;
    rank.push(seen);
    seenOfKind.set(card.kind, seen + 1);
  }
  const key = (c: Candidate) => [rank[c.index] ?? 0, kindOrder.get(c.card.kind) ?? 0] as const;
  return [...candidates].sort((a, b) => {
    const [rankA, kindA] = key(a);
    const [rankB, kindB] = key(b);
    return rankA - rankB || kindA - kindB || a.index - b.index;
  });
}

/**
 * What to study now, in order, like Anki: (re)learning cards due now, then reviews due before
 * the study day ends (up to the daily limit), then new cards (up to the daily limit) with kinds
 * interleaved. Suspended and buried cards are left out, and so are review and new cards whose
 * fact was already studied today or is already in the queue (learning cards are exempt: their
 * next step cannot wait until tomorrow). With `aspects` (`kinds`), only cards about those
 * aspects (of those kinds) are queued; the daily limits still count everything studied today.
 *
 * With `goalQuestionIds` (an assignment's session) the queue is: learning cards due now, then
 * every goal question not in a learning step, new or in review, due or not, kinds interleaved,
 * with no daily limit, and a question whose fact was studied today after the others rather
 * than tomorrow. The teacher set a bounded scope and a due date: an evening's homework must be
 * finishable in one sitting, which the 20-new-cards limit and sibling burying would prevent
 * (and a review card that is not due would never come up before the deadline at all). The new
 * cards still count against the day's limit in ordinary study.
 */
export function buildStudyQueue(input: BuildStudyQueueInput): QueueEntry[] {
  const { now, settings } = input;
  const nowMs = now.getTime();
  const dayEndMs = nextStudyDayStart(now, settings.timeZone, settings.dayStartHour).getTime();

  const learning: Candidate[] = [];
  const reviews: Candidate[] = [];
  const fresh: Candidate[] = [];
  const goal: Candidate[] = [];
  const aspects = input.aspects ? new Set(input.aspects) : null;
  const kinds = input.kinds ? new Set<string>(input.kinds) : null;
  const goalIds = input.goalQuestionIds;
  input.cards.forEach((card, index) => {
    if (card.suspended) return;
    if (aspects && !(card.aspect !== undefined && aspects.has(card.aspect))) return;
    if (kinds && !kinds.has(card.kind)) return;
    if (card.buriedUntil && card.buriedUntil.getTime() > nowMs) return;
    const state = card.state;
    const inStep = state?.state === State.Learning || state?.state === State.Relearning;
    if (goalIds) {
      if (inStep && state.due.getTime() <= nowMs) learning.push({ card, index });
      else if (!inStep && goalIds.has(card.questionId)) goal.push({ card, index });
    } else if (state === null || state.state === State.New) {
      fresh.push({ card, index });
    } else if (state.state === State.Learning || state.state === State.Relearning) {
      if (state.due.getTime() <= nowMs) learning.push({ card, index });
    } else if (state.due.getTime() < dayEndMs) {
      reviews.push({ card, index });
    }
  });

  const queue: QueueEntry[] = [];
  const takenSiblingKeys = new Set(input.siblingKeysStudiedToday);
  const take = (candidates: Candidate[], reason: QueueReason, limit: number) => {
    let taken = 0;
    for (const { card } of candidates) {
      if (taken >= limit) break;
      if (reason !== "learning" && takenSiblingKeys.has(card.siblingKey)) continue;
      queue.push({ questionId: card.questionId, reason });
      takenSiblingKeys.add(card.siblingKey);
      taken += 1;
    }
  };

  take(sortByDue(learning), "learning", Number.POSITIVE_INFINITY);
  if (goalIds) {
    const ordered = interleaveByKind(goal, input.cards);
    const reasonOf = ({ card }: Candidate): QueueReason =>
      card.state === null || card.state.state === State.New ? "new" : "review";
    const later: Candidate[] = [];
    for (const candidate of ordered) {
      if (takenSiblingKeys.has(candidate.card.siblingKey)) later.push(candidate);
      else {
        queue.push({ questionId: candidate.card.questionId, reason: reasonOf(candidate) });
        takenSiblingKeys.add(candidate.card.siblingKey);
      }
    }
    for (const candidate of later) {
      queue.push({ questionId: candidate.card.questionId, reason: reasonOf(candidate) });
    }
    return queue;
  }
  take(sortByDue(reviews), "review", Math.max(0, settings.reviewsPerDay - input.reviewsDoneToday));
  take(
    interleaveByKind(fresh, input.cards),
    "new",
    Math.max(0, settings.newCardsPerDay - input.newIntroducedToday),
  );
  return queue;
}

/** Header counts for a queue built by `buildStudyQueue`. */
export function countQueue(queue: readonly QueueEntry[]): QueueCounts {
  const counts: QueueCounts = { learning: 0, review: 0, new: 0 };
  for (const entry of queue) counts[entry.reason] += 1;
  return counts;
}

export interface StudiedSibling {
  siblingKey: string;
  answeredAt: Date;
}

/**
 * The sibling keys answered in the study day containing `now`: an answer at 03:30 local time
 * belongs to the previous day and does not bury its siblings today.
 */
export function listSiblingKeysStudiedToday(
  answers: readonly StudiedSibling[],
  now: Date,
  timeZone: string,
  dayStartHour = 4,
): string[] {
  const startMs = studyDayStart(now, timeZone, dayStartHour).getTime();
  const keys = new Set<string>();
  for (const answer of answers) {
    if (answer.answeredAt.getTime() >= startMs) keys.add(answer.siblingKey);
  }
  return [...keys];
}
