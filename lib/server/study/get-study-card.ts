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
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { listQuestionsOfDeckVersions } from "../decks/active-questions";
import { visibleDeckSql, type DeckViewer } from "../decks/deck-access";
import { querySql } from "../driver-sql";
import { parseStoredSettings } from "./learner-settings";
import { CARD_STATE_SQL, cardStateFromSql } from "./card-rows";

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

/** Those of `deckIds` the viewer may see, with their content versions, by id. */
async function readVisibleDeckVersions(
  db: Db,
  viewer: DeckViewer,
  deckIds: readonly string[],
): Promise<{ id: string; contentVersion: number }[]> {
  if (deckIds.length === 0) return [];
  const rows = await querySql(
    db,
    Prisma.sql`SELECT d."id", d."contentVersion" FROM "Deck" d
      WHERE d."id" IN (${Prisma.join([...deckIds])}) AND ${visibleDeckSql(viewer)}
      ORDER BY d."id"`,
  );
  return rows.map((row) => ({ id: String(row.id), contentVersion: Number(row.contentVersion) }));
}

/**
 * The learner's settings, cards in these decks (of live questions) and answers of the last two
 * days (the study day began less than two days ago whatever the zone; cut exactly by the
 * caller): null when there is no such learner.
 */
async function readLearnerStudyRows(
  db: Db,
  options: { learnerId: string; deckIds: readonly string[]; now: Date },
) {
  const { learnerId, deckIds, now } = options;
  const [learners, cards, reviews] = await Promise.all([
    querySql(
      db,
      Prisma.sql`SELECT "settings", "timeZone", "fsrsParameters" FROM "Learner" WHERE "id" = ${learnerId}`,
    ),
    deckIds.length === 0
      ? []
      : querySql(
          db,
          Prisma.sql`SELECT c."questionId", ${CARD_STATE_SQL}, c."suspended", c."buriedUntil", c."version"
            FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
            WHERE c."learnerId" = ${learnerId} AND q."deckId" IN (${Prisma.join([...deckIds])})
              AND q."retiredAt" IS NULL`,
        ),
    querySql(
      db,
      Prisma.sql`SELECT "siblingKey", "reviewedAt", "state" FROM "ReviewLog"
        WHERE "learnerId" = ${learnerId} AND "reviewedAt" >= ${new Date(now.getTime() - TWO_DAYS_MS)}`,
    ),
  ]);
  const learner = learners[0];
  if (!learner) return null;
  return {
    settings: learner.settings as string | null,
    timeZone: String(learner.timeZone),
    fsrsParameters: learner.fsrsParameters as string | null,
    cards: cards.map((row) => ({
      ...cardStateFromSql(row),
      questionId: String(row.questionId),
      suspended: Number(row.suspended) === 1,
      buriedUntil: row.buriedUntil === null ? null : new Date(row.buriedUntil as string | Date),
      version: Number(row.version),
    })),
    reviews: reviews.map((row) => ({
      siblingKey: String(row.siblingKey),
      reviewedAt: new Date(row.reviewedAt as string | Date),
      state: Number(row.state),
    })),
  };
}

/**
 * The learner's next card in the chosen decks (only about `aspects`, of `kinds`, when given):
 * learning due now, then reviews, then new cards; or, with `goalQuestionIds`, an assignment's
 * session (see buildStudyQueue).
 * Hand-written reads on the driver adapter (docs/decisions/010): the visible decks with their
 * content versions, then the learner's settings, cards and recent answers (the questions
 * themselves come from the parsed copies of lib/server/decks/active-questions.ts).
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
  const decks = await readVisibleDeckVersions(
    db,
    { learnerId, userId: options.userId },
    options.deckIds,
  );
  const deckIds = decks.map((d) => d.id);
  const [learner, questions] = await Promise.all([
    learnerId ? readLearnerStudyRows(db, { learnerId, deckIds, now }) : null,
    listQuestionsOfDeckVersions(db, decks),
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
        state: card && card.state !== State.New ? card : null,
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
  const previews = previewIntervals(card ?? newCardState(now), settings, now);
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
