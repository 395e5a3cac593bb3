import { SELF_GRADED_KINDS, type Question, type QuestionKind } from "@/lib/core/deck/types";
import {
  buildStudyQueue,
  countQueue,
  listSiblingKeysStudiedToday,
  newCardState,
  nextStudyDayStart,
  previewIntervals,
  State,
  studyDayStart,
  type QueueCounts,
  type QueueReason,
  type RatingValue,
} from "@/lib/core/study";
import type { Db } from "../db";
import { listActiveQuestions } from "../decks/active-questions";
import { filterVisibleDeckIds } from "../decks/deck-access";
import { LEARNER_SETTINGS_SELECT, parseStoredSettings } from "./learner-settings";
import { CARD_STATE_SELECT, toCardState } from "./card-rows";

export interface StudyCard {
  question: Readonly<Question>;
  selfGraded: boolean;
  reason: QueueReason;
  /** The card's version as the learner saw it (null: never answered); a stale one is refused. */
  cardVersion: number | null;
  /** How long each rating would put the card away, in ms; the page labels them in its language. */
  previews: Record<RatingValue, number>;
}

export interface StudyState {
  card: StudyCard | null;
  counts: QueueCounts;
  /** When nothing is due now: when the next card (a learning step or tomorrow's reviews) is due. */
  nextDueAt: string | null;
}

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * The learner's next card in the chosen decks (only about `aspects`, of `kinds`, when given):
 * learning due now, then reviews, then new cards; or, with `goalQuestionIds`, an assignment's
 * session (see buildStudyQueue).
 * Two queries: the learner with its settings, cards and recent answers in one, and the decks'
 * content versions (the questions themselves come from listActiveQuestions' parsed copies).
 */
export async function getStudyCard(
  db: Db,
  options: {
    learnerId: string | null;
    /** The account, when signed in: its own decks are visible before it has a learner. */
    userId?: string | null;
    deckIds: string[];
    aspects?: string[];
    kinds?: QuestionKind[];
    goalQuestionIds?: ReadonlySet<string>;
    now: Date;
  },
): Promise<StudyState> {
  const { learnerId, aspects, kinds, goalQuestionIds, now } = options;
  // A deck the learner may not see is no deck at all (lib/server/decks/deck-access.ts).
  const deckIds = await filterVisibleDeckIds(
    db,
    { learnerId, userId: options.userId },
    options.deckIds,
  );
  const [learner, questions] = await Promise.all([
    learnerId
      ? db.learner.findUnique({
          where: { id: learnerId },
          select: {
            ...LEARNER_SETTINGS_SELECT,
            cards: {
              where: { question: { deckId: { in: deckIds }, retiredAt: null } },
              select: {
                ...CARD_STATE_SELECT,
                questionId: true,
                suspended: true,
                buriedUntil: true,
                version: true,
              },
            },
            // The study day began less than two days ago whatever the zone; cut exactly below.
            reviews: {
              where: { reviewedAt: { gte: new Date(now.getTime() - TWO_DAYS_MS) } },
              select: { siblingKey: true, reviewedAt: true, state: true },
            },
          },
        })
      : null,
    listActiveQuestions(db, deckIds),
  ]);
  const settings = parseStoredSettings(
    learner?.settings ?? null,
    learner?.timeZone ?? "UTC",
    learner?.fsrsParameters ?? null,
  );
  const dayStart = studyDayStart(now, settings.timeZone, settings.dayStartHour);
  const cards = learner?.cards ?? [];
  const todays = (learner?.reviews ?? []).filter((l) => l.reviewedAt >= dayStart);

  const cardByQuestion = new Map(cards.map((c) => [c.questionId, c]));
  const queue = buildStudyQueue({
    now,
    settings,
    cards: questions.map((q) => {
      const card = cardByQuestion.get(q.id);
      return {
        questionId: q.id,
        kind: q.kind,
        siblingKey: q.siblingKey,
        aspect: q.aspect,
        // A card row still in state New (e.g. after an undo) is a new card again.
        state: card && card.state !== State.New ? toCardState(card) : null,
        suspended: card?.suspended ?? false,
        buriedUntil: card?.buriedUntil ?? null,
      };
    }),
    aspects,
    kinds,
    goalQuestionIds,
    newIntroducedToday: todays.filter((l) => l.state === State.New).length,
    reviewsDoneToday: todays.filter((l) => l.state === State.Review).length,
    siblingKeysStudiedToday: listSiblingKeysStudiedToday(
      todays.map((l) => ({ siblingKey: l.siblingKey, answeredAt: l.reviewedAt })),
      now,
      settings.timeZone,
      settings.dayStartHour,
    ),
  });

  const counts = countQueue(queue);
  const first = queue[0];
  if (!first) {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const inFilter = (questionId: string) => {
      const question = byId.get(questionId);
      return (
        !!question &&
        (!aspects || aspects.includes(question.aspect)) &&
        (!kinds || kinds.includes(question.kind))
      );
    };
    const upcoming = cards
      .filter((c) => !c.suspended && c.state !== State.New && inFilter(c.questionId))
      .filter((c) => !goalQuestionIds || goalQuestionIds.has(c.questionId))
      .map((c) => c.due.getTime())
      .filter((t) => t > now.getTime());
    const tomorrow = nextStudyDayStart(now, settings.timeZone, settings.dayStartHour).getTime();
    // An assignment's session has no daily limit: nothing new waits for tomorrow.
    const hasNew =
      !goalQuestionIds && questions.some((q) => !cardByQuestion.has(q.id) && inFilter(q.id));
    const next = Math.min(...upcoming, hasNew ? tomorrow : Infinity);
    return {
      card: null,
      counts,
      nextDueAt: Number.isFinite(next) ? new Date(next).toISOString() : null,
    };
  }

  const question = questions.find((q) => q.id === first.questionId)?.question;
  if (!question) throw new Error(`queued question ${first.questionId} is not in its deck`);
  const card = cardByQuestion.get(first.questionId);
  const previews = previewIntervals(card ? toCardState(card) : newCardState(now), settings, now);
  return {
    card: {
      question,
      selfGraded: SELF_GRADED_KINDS.includes(question.kind),
      reason: first.reason,
      cardVersion: card ? card.version : null,
      previews: {
        1: previews[1].intervalMs,
        2: previews[2].intervalMs,
        3: previews[3].intervalMs,
        4: previews[4].intervalMs,
      },
    },
    counts,
    nextDueAt: null,
  };
}
