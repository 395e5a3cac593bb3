import crypto from "node:crypto";
import type { DeckSummary } from "@/lib/core/deck/types";
import { assembleInterview } from "@/lib/core/practice/assemble-interview";
import { buildInterviewPool } from "@/lib/core/practice/build-interview-pool";
import { parseDeckDocument } from "@/lib/core/practice/parse-deck-document";
import { isItemMissed, normalizeCoveredPoints } from "@/lib/core/practice/score-interview";
import { Rating } from "@/lib/core/study";
import type { Db } from "../db";
import { getDeck } from "../decks/queries";
import { BadRequestError, ConflictError, NotFoundError } from "../errors";
import { answerWindowStart, assertUnderAnswerLimit } from "../rate-limits/answer-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { consumeCreationLimits } from "./creation-limits";
import { feedStudyAnswer } from "./feed-study";
import { getInterview, parseInterviewItems, type InterviewView } from "./interview-queries";
import { isUniqueViolation, newSeed } from "./practice-attempts";
import type { InterviewAnswerInput, InterviewCheckInput, StartInterviewInput } from "./schemas";

/** An answer sent this long after the deadline still left the browser in time (network). */
export const DEADLINE_GRACE_MS = 3_000;

function deadlineFrom(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}

/**
 * Starts a mock interview and opens its first question (its countdown starts now). A retried
 * start is not counted again; a new one counts against the interview limits.
 */
export async function startInterview(
  db: Db,
  options: { learnerId: string; address: string; input: StartInterviewInput; now: Date },
): Promise<{ sessionId: string; replayed: boolean }> {
  const { learnerId, input, now } = options;
  const where = { learnerId_clientId: { learnerId, clientId: input.clientId } };
  const started = await db.interviewSession.findUnique({ where, select: { id: true } });
  if (started) return { sessionId: started.id, replayed: true };

  const deck = await getDeck(db, { learnerId }, input.deckId);
  if (!deck) throw new NotFoundError("no such deck");
  const document = parseDeckDocument({
    markdown: deck.sourceMarkdown,
    summary: deck.summary as DeckSummary,
  });
  const seed = input.seed ?? newSeed();
  const items = assembleInterview({
    pool: buildInterviewPool({ document, questions: deck.questions }),
    count: input.count,
    seed,
  });
  if (items.length === 0) throw new BadRequestError("this deck has no interview questions");
  await consumeCreationLimits(db, {
    learnerId,
    address: options.address,
    perLearner: RATE_LIMITS.interviewsPerLearner,
    perGuestAddress: RATE_LIMITS.interviewsPerGuestAddress,
    now,
  });
  try {
    const created = await db.interviewSession.create({
      data: {
        learnerId,
        clientId: input.clientId,
        deckId: input.deckId,
        seed,
        secondsPerQuestion: input.secondsPerQuestion,
        items: JSON.stringify(items),
        startedAt: now,
        answers: {
          create: {
            position: 0,
            openedAt: now,
            deadlineAt: deadlineFrom(now, input.secondsPerQuestion),
          },
        },
      },
      select: { id: true },
    });
    return { sessionId: created.id, replayed: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const twin = await db.interviewSession.findUnique({ where, select: { id: true } });
    if (!twin) throw error;
    return { sessionId: twin.id, replayed: true };
  }
}

async function findOwnSession(db: Db, learnerId: string, sessionId: string) {
  const session = await db.interviewSession.findFirst({
    where: { id: sessionId, learnerId },
    select: { id: true, items: true, secondsPerQuestion: true },
  });
  if (!session) throw new NotFoundError("no such interview");
  return session;
}

/**
 * Records the learner's typed answer to the open question, once: a retry gets what was stored.
 * Past the deadline stored at opening, the answer counts as timed out whatever the browser says,
 * so a reload or a stopped clock does not buy extra time.
 */
export async function submitInterviewAnswer(
  db: Db,
  options: { learnerId: string; sessionId: string; input: InterviewAnswerInput; now: Date },
): Promise<InterviewView> {
  const { learnerId, sessionId, input, now } = options;
  const limit = RATE_LIMITS.interviewAnswersPerLearner;
  const since = answerWindowStart(limit, now);
  const [, row, blocking] = await Promise.all([
    findOwnSession(db, learnerId, sessionId),
    db.interviewAnswer.findUnique({
      where: { sessionId_position: { sessionId, position: input.position } },
    }),
    // An answer inside the window belongs to an interview not finished before the window began.
    db.interviewAnswer.findFirst({
      where: {
        answeredAt: { gt: since },
        session: { learnerId, OR: [{ finishedAt: null }, { finishedAt: { gt: since } }] },
      },
      orderBy: { answeredAt: "desc" },
      skip: limit.max - 1,
      select: { answeredAt: true },
    }),
  ]);
  if (!row) throw new ConflictError("this question is not open yet", "not_open");
  if (row.clientAnswerId === null) {
    // Only a new answer counts; a retry of a stored one is answered even at the limit.
    assertUnderAnswerLimit(limit, blocking?.answeredAt, now);
    const late = now.getTime() > row.deadlineAt.getTime() + DEADLINE_GRACE_MS;
    try {
      await db.interviewAnswer.updateMany({
        where: { id: row.id, clientAnswerId: null },
        data: {
          clientAnswerId: input.clientAnswerId,
          text: input.text,
          answeredAt: now,
          timedOut: input.timedOut || late,
        },
      });
    } catch (error) {
      // The same client answer id on another question of this interview: a broken client.
      if (!isUniqueViolation(error)) throw error;
      throw new ConflictError("this answer id was used for another question");
    }
  }
  return getInterview(db, { learnerId, sessionId, now });
}

/**
 * Records which key points the learner covered, once per item, then opens the next question
 * (or finishes the interview). A missed item's card is scheduled for earlier review.
 */
export async function checkInterviewAnswer(
  db: Db,
  options: { learnerId: string; sessionId: string; input: InterviewCheckInput; now: Date },
): Promise<InterviewView> {
  const { learnerId, sessionId, input, now } = options;
  const session = await findOwnSession(db, learnerId, sessionId);
  const items = parseInterviewItems(session.items);
  const item = items[input.position];
  if (!item) throw new BadRequestError("no such question in this interview");
  const row = await db.interviewAnswer.findUnique({
    where: { sessionId_position: { sessionId, position: input.position } },
  });
  if (!row || row.clientAnswerId === null) {
    throw new ConflictError("answer the question before checking it", "not_answered");
  }
  if (row.coveredPoints === null) {
    await db.interviewAnswer.updateMany({
      where: { id: row.id, coveredPoints: null },
      data: {
        coveredPoints: JSON.stringify(normalizeCoveredPoints(item, input.coveredPoints)),
        checkedAt: now,
      },
    });
  }
  const checked = await db.interviewAnswer.findUniqueOrThrow({ where: { id: row.id } });
  const covered = JSON.parse(checked.coveredPoints ?? "[]") as number[];

  if (item.reviewQuestionId && isItemMissed(item, covered)) {
    await scheduleEarlierReview(db, {
      learnerId,
      answerRowId: row.id,
      questionId: item.reviewQuestionId,
      durationMs: Math.max(0, (checked.answeredAt ?? now).getTime() - checked.openedAt.getTime()),
      now,
    });
  }

  const next = input.position + 1;
  if (next < items.length) {
    try {
      await db.interviewAnswer.create({
        data: {
          sessionId,
          position: next,
          openedAt: now,
          deadlineAt: deadlineFrom(now, session.secondsPerQuestion),
        },
      });
    } catch (error) {
      // Opened already by a retried check: its countdown keeps running from then.
      if (!isUniqueViolation(error)) throw error;
    }
  } else {
    await db.interviewSession.updateMany({
      where: { id: sessionId, finishedAt: null },
      data: { finishedAt: now },
    });
  }
  return getInterview(db, { learnerId, sessionId, now });
}

/**
 * A missed interview item goes to the study scheduler as an "Again" answer on its deck card.
 * Why Again rather than pulling the due date forward: Again is what FSRS is built to hear when
 * something was not recalled. It lowers stability, puts the card into (re)learning with a
 * minutes-long step, and is logged like any answer, so undo, statistics and the next intervals
 * stay consistent. A bare due-date edit would leave stability claiming the item is known and
 * let the next Good answer jump straight back to a long interval. The study answer id is kept
 * on the item, so a retried check feeds it once.
 */
async function scheduleEarlierReview(
  db: Db,
  options: {
    learnerId: string;
    answerRowId: string;
    questionId: string;
    durationMs: number;
    now: Date;
  },
): Promise<void> {
  await db.interviewAnswer.updateMany({
    where: { id: options.answerRowId, reviewClientAnswerId: null },
    data: { reviewClientAnswerId: crypto.randomUUID() },
  });
  const { reviewClientAnswerId } = await db.interviewAnswer.findUniqueOrThrow({
    where: { id: options.answerRowId },
    select: { reviewClientAnswerId: true },
  });
  if (!reviewClientAnswerId) return;
  await feedStudyAnswer(db, {
    learnerId: options.learnerId,
    questionId: options.questionId,
    clientAnswerId: reviewClientAnswerId,
    answer: { type: "reveal" },
    rating: Rating.Again,
    durationMs: options.durationMs,
    now: options.now,
  });
}
