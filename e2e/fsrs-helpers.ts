import crypto from "node:crypto";
import Database from "better-sqlite3";
import { assertThrowawayDatabase } from "../lib/config/assert-throwaway-database";
import { isPostgresUrl } from "../lib/config/database-url";
import { DEFAULT_FSRS_PARAMETERS } from "../lib/core/study/scheduler";
import { simulateLearner } from "../tests/setup/simulated-learner";
import { queryPostgresSync, type Statement } from "./postgres-sync";

/*
 * Writes into the run's throw-away database what months of studying would have left: a
 * learner's cards and review logs (from the seeded simulated learner of the unit tests), or
 * fitted parameters. The server reads them as it would its own rows.
 */

/** The run's throw-away database: SQLite's file or PostgreSQL's URL. */
function testDatabase(): string {
  const database = process.env.PODDECK_TEST_DB ?? "";
  assertThrowawayDatabase(database);
  return database;
}

/** Runs the statements in one transaction; returns each one's rows. */
function runStatements(statements: Statement[]): unknown[][] {
  const database = testDatabase();
  if (isPostgresUrl(database)) return queryPostgresSync(database, statements);
  const sqlite = new Database(database, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  try {
    return sqlite.transaction(() =>
      statements.map(({ sql, params }) => {
        const statement = sqlite.prepare(sql);
        return statement.reader ? statement.all(...params) : (statement.run(...params), []);
      }),
    )();
  } finally {
    sqlite.close();
  }
}

// How the Prisma adapter stores a DateTime on SQLite; PostgreSQL reads the same text as a timestamp.
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

const QUESTIONS_WITHOUT_CARD = `SELECT id, "siblingKey" FROM "Question" WHERE "deckId" IN (DECKS)
  AND "retiredAt" IS NULL AND id NOT IN (SELECT "questionId" FROM "Card" WHERE "learnerId" = ?)
  ORDER BY id`;

/** Gives the learner a history on questions of `deckIds` it has no card for; returns its size. */
export function seedReviewHistory(
  learnerId: string,
  options: { deckIds: string[]; seed: number; cards: number; days: number; start: Date },
): number {
  const decks = options.deckIds.map(() => "?").join(", ");
  const [questions] = runStatements([
    {
      sql: QUESTIONS_WITHOUT_CARD.replace("DECKS", decks),
      params: [...options.deckIds, learnerId],
    },
  ]) as [{ id: string; siblingKey: string }[]];
  if (questions.length < options.cards) throw new Error(`only ${questions.length} questions`);
  const history = simulateLearner(options);
  const insertCard = `INSERT INTO "Card" (id, "learnerId", "questionId", due, stability, difficulty,
    "elapsedDays", "scheduledDays", "learningSteps", reps, lapses, state, "lastReview", version,
    "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`;
  const insertLog = `INSERT INTO "ReviewLog" (id, "learnerId", "cardId", "questionId",
    "clientAnswerId", "siblingKey", rating, state, due, stability, difficulty, "elapsedDays",
    "lastElapsedDays", "scheduledDays", "learningSteps", "previousDue", "reviewedAt", "durationMs",
    response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 3000, '{}')`;
  const statements: Statement[] = [];
  const cardIds = new Map<number, string>();
  for (const { card, state: s } of history.cards) {
    const id = `seeded-${crypto.randomUUID()}`;
    cardIds.set(card, id);
    statements.push({
      sql: insertCard,
      params: [
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
      ],
    });
  }
  for (const { card, log } of history.reviews) {
    statements.push({
      sql: insertLog,
      params: [
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
      ],
    });
  }
  runStatements(statements);
  return history.reviews.length;
}

/** As if an optimisation had fitted (here: the default) parameters to the learner. */
export function giveFittedParameters(learnerId: string) {
  runStatements([
    {
      sql: `UPDATE "Learner" SET "fsrsParameters" = ? WHERE id = ?`,
      params: [JSON.stringify(DEFAULT_FSRS_PARAMETERS), learnerId],
    },
  ]);
}
