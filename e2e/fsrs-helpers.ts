import crypto from "node:crypto";
import Database from "better-sqlite3";
import { assertThrowawayDatabase } from "../lib/config/assert-throwaway-database";
import { DEFAULT_FSRS_PARAMETERS } from "../lib/core/study/scheduler";
import { simulateLearner } from "../tests/setup/simulated-learner";

/*
 * Writes into the run's throw-away database what months of studying would have left: a
 * learner's cards and review logs (from the seeded simulated learner of the unit tests), or
 * fitted parameters. The server reads them as it would its own rows.
 */

function openDatabase() {
  const file = process.env.PODDECK_TEST_DB ?? "";
  assertThrowawayDatabase(file);
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

// How the Prisma adapter stores a DateTime.
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Gives the learner a history on questions of `deckIds` it has no card for; returns its size. */
export function seedReviewHistory(
  learnerId: string,
  options: { deckIds: string[]; seed: number; cards: number; days: number; start: Date },
): number {
  const sqlite = openDatabase();
  try {
    const questions = sqlite
      .prepare(
        `SELECT id, siblingKey FROM Question WHERE deckId IN (SELECT value FROM json_each(?))
         AND retiredAt IS NULL AND id NOT IN (SELECT questionId FROM Card WHERE learnerId = ?)
         ORDER BY id`,
      )
      .all(JSON.stringify(options.deckIds), learnerId) as { id: string; siblingKey: string }[];
    if (questions.length < options.cards) throw new Error(`only ${questions.length} questions`);
    const history = simulateLearner(options);
    const insertCard = sqlite.prepare(
      `INSERT INTO Card (id, learnerId, questionId, due, stability, difficulty, elapsedDays,
        scheduledDays, learningSteps, reps, lapses, state, lastReview, version, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    const insertLog = sqlite.prepare(
      `INSERT INTO ReviewLog (id, learnerId, cardId, questionId, clientAnswerId, siblingKey,
        rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays,
        learningSteps, previousDue, reviewedAt, durationMs, response)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 3000, '{}')`,
    );
    sqlite.transaction(() => {
      const cardIds = new Map<number, string>();
      for (const { card, state: s } of history.cards) {
        const id = `seeded-${crypto.randomUUID()}`;
        cardIds.set(card, id);
        insertCard.run(
          id,
          learnerId,
          questions[card]!.id,
          stored(s.due),
          s.stability,
          s.difficulty,
          s.elapsedDays,
          s.scheduledDays,
          s.learningSteps,
          s.reps,
          s.lapses,
          s.state,
          s.lastReview ? stored(s.lastReview) : null,
          stored(new Date()),
        );
      }
      for (const { card, log } of history.reviews) {
        insertLog.run(
          crypto.randomUUID(),
          learnerId,
          cardIds.get(card)!,
          questions[card]!.id,
          crypto.randomUUID(),
          questions[card]!.siblingKey,
          log.rating,
          log.state,
          stored(log.due),
          log.stability,
          log.difficulty,
          log.elapsedDays,
          log.lastElapsedDays,
          log.scheduledDays,
          log.learningSteps,
          stored(log.previousDue),
          stored(log.review),
        );
      }
    })();
    return history.reviews.length;
  } finally {
    sqlite.close();
  }
}

/** As if an optimisation had fitted (here: the default) parameters to the learner. */
export function giveFittedParameters(learnerId: string) {
  const sqlite = openDatabase();
  try {
    sqlite
      .prepare("UPDATE Learner SET fsrsParameters = ? WHERE id = ?")
      .run(JSON.stringify(DEFAULT_FSRS_PARAMETERS), learnerId);
  } finally {
    sqlite.close();
  }
}
