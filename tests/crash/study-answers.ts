import crypto from "node:crypto";
import type Database from "better-sqlite3";
import type { Learner } from "./learner";
import { UnexpectedReplyError, type Ack, type PathCheck, type WritePath } from "./write-path";

/** Cards each learner keeps answering, so every card builds a history of several versions. */
const CARDS_PER_LEARNER = 3;

export interface StudyAnswerAck extends Ack {
  learnerId: string;
  questionId: string;
  cardVersion: number;
}

interface AnswerBody {
  clientAnswerId: string;
  questionId: string;
  cardVersion: number | null;
  answer: { type: "reveal" };
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
}

interface LearnerState {
  questionIds: string[];
  /** The version each card had after this learner's last acknowledged answer to it. */
  versions: Map<string, number>;
  /** Sent but never acknowledged: the next `send` re-sends it, same clientAnswerId. */
  pending: AnswerBody | null;
}

/**
 * `POST /api/study/answers`: every answer carries a clientAnswerId and the version of the card
 * it answers; the server applies it once and bumps the version. A learner answers its few cards
 * in turn, always with the version its last acknowledged answer returned.
 */
export function studyAnswers(random: () => number): WritePath<StudyAnswerAck> {
  let questionIds: string[] = [];
  const learners = new WeakMap<Learner, LearnerState>();

  function stateOf(learner: Learner): LearnerState {
    let state = learners.get(learner);
    if (!state) {
      const pool = [...questionIds];
      const picked = Array.from(
        { length: CARDS_PER_LEARNER },
        () => pool.splice(Math.floor(random() * pool.length), 1)[0] ?? "",
      );
      state = { questionIds: picked, versions: new Map(), pending: null };
      learners.set(learner, state);
    }
    return state;
  }

  async function send(learner: Learner): Promise<StudyAnswerAck | null> {
    const state = stateOf(learner);
    const questionId =
      state.pending?.questionId ??
      state.questionIds[Math.floor(random() * state.questionIds.length)] ??
      "";
    const body: AnswerBody = state.pending ?? {
      clientAnswerId: crypto.randomUUID(),
      questionId,
      cardVersion: state.versions.get(questionId) ?? null,
      answer: { type: "reveal" },
      rating: (1 + Math.floor(random() * 4)) as AnswerBody["rating"],
      durationMs: Math.floor(random() * 20_000),
    };
    state.pending = body;
    const reply = await learner.postJson("/api/study/answers", body);
    if (!reply || reply.status === 429 || reply.status === 503) return null;
    const learnerId = learner.learnerId;
    if (reply.status !== 200 && reply.status !== 201) {
      throw new UnexpectedReplyError(
        `POST /api/study/answers → ${reply.status} ${reply.body.slice(0, 200)}`,
      );
    }
    const result = parseReply(reply.body);
    if (
      result?.clientAnswerId !== body.clientAnswerId ||
      result.cardVersion !== (body.cardVersion ?? -1) + 1 ||
      !learnerId
    ) {
      throw new UnexpectedReplyError(
        `not the acknowledgement of ${JSON.stringify(body)}: ${reply.body}`,
      );
    }
    state.pending = null;
    state.versions.set(questionId, result.cardVersion);
    return {
      key: body.clientAnswerId,
      status: reply.status,
      learnerId,
      questionId,
      cardVersion: result.cardVersion,
    };
  }

  return {
    name: "study answers",
    prepare(db) {
      questionIds = (
        db.prepare(`SELECT id FROM "Question" WHERE retiredAt IS NULL ORDER BY id`).all() as {
          id: string;
        }[]
      ).map((row) => row.id);
      if (questionIds.length < CARDS_PER_LEARNER) throw new Error("no decks loaded");
    },
    join: send,
    send,
    hasPending: (learner) => learners.get(learner)?.pending != null,
    verify: verifyStudyAnswers,
  };
}

function parseReply(body: string): { clientAnswerId: string; cardVersion: number } | null {
  try {
    return JSON.parse(body) as { clientAnswerId: string; cardVersion: number };
  } catch {
    return null;
  }
}

interface LogRow {
  id: string;
  learnerId: string;
  cardId: string;
  questionId: string;
  clientAnswerId: string;
  previousDue: string;
  response: string;
}

interface CardRow {
  id: string;
  learnerId: string;
  questionId: string;
  version: number;
  due: string;
}

/**
 * Every acknowledged answer is one review log, under its learner, with the card version the
 * server acknowledged; and every card's history is whole: one log per version 0…version (no
 * answer undone here), each log's due-before equal to the due its predecessor set, and the card
 * as the last log left it. A lost commit, a half-applied write or an answer applied twice breaks
 * one of these.
 */
export function verifyStudyAnswers(
  db: Database.Database,
  acks: readonly StudyAnswerAck[],
): PathCheck {
  const logs = db
    .prepare(
      `SELECT id, learnerId, cardId, questionId, clientAnswerId, previousDue, response FROM "ReviewLog"`,
    )
    .all() as LogRow[];
  const byKey = new Map<string, LogRow[]>();
  for (const log of logs)
    byKey.set(log.clientAnswerId, [...(byKey.get(log.clientAnswerId) ?? []), log]);

  const check: PathCheck = { found: 0, lost: [], duplicated: [], problems: [], checked: "" };
  for (const ack of acks) {
    const rows = byKey.get(ack.key) ?? [];
    if (rows.length === 0) check.lost.push(ack.key);
    else if (rows.length > 1) check.duplicated.push(ack.key);
    else {
      check.found++;
      const [row] = rows as [LogRow];
      const stored = JSON.parse(row.response) as { cardVersion: number };
      if (
        row.learnerId !== ack.learnerId ||
        row.questionId !== ack.questionId ||
        stored.cardVersion !== ack.cardVersion
      ) {
        check.problems.push(
          `answer ${ack.key}: acknowledged as version ${ack.cardVersion} of ${ack.questionId} for ${ack.learnerId}, stored as version ${stored.cardVersion} of ${row.questionId} for ${row.learnerId}`,
        );
      }
    }
  }

  const cards = db
    .prepare(`SELECT id, learnerId, questionId, version, due FROM "Card"`)
    .all() as CardRow[];
  const byCard = new Map<string, { version: number; due: string; previousDue: string }[]>();
  for (const log of logs) {
    const stored = JSON.parse(log.response) as { cardVersion: number; due: string };
    const entry = { version: stored.cardVersion, due: stored.due, previousDue: log.previousDue };
    byCard.set(log.cardId, [...(byCard.get(log.cardId) ?? []), entry]);
  }
  const cardsById = new Map(cards.map((card) => [card.id, card]));
  for (const log of logs) {
    const card = cardsById.get(log.cardId);
    if (!card) check.problems.push(`review log ${log.id} belongs to no card`);
    else if (card.learnerId !== log.learnerId || card.questionId !== log.questionId) {
      check.problems.push(`review log ${log.id} names another learner or question than its card`);
    }
  }
  for (const card of cards) {
    const history = (byCard.get(card.id) ?? []).sort((a, b) => a.version - b.version);
    const versions = history.map((entry) => entry.version).join(",");
    const expected = Array.from({ length: card.version + 1 }, (_, v) => v).join(",");
    if (versions !== expected) {
      check.problems.push(
        `card ${card.id} is at version ${card.version} but its review logs are versions [${versions}]`,
      );
      continue;
    }
    for (let v = 1; v < history.length; v++) {
      const [before, after] = [history[v - 1], history[v]];
      if (before && after && !sameInstant(after.previousDue, before.due)) {
        check.problems.push(
          `card ${card.id}: version ${v} started from due ${after.previousDue}, version ${v - 1} set ${before.due}`,
        );
      }
    }
    const last = history.at(-1);
    if (last && !sameInstant(card.due, last.due)) {
      check.problems.push(`card ${card.id} is due ${card.due}, its last answer set ${last.due}`);
    }
  }
  check.checked = `${cards.length} cards, ${logs.length} review logs`;
  return check;
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}
