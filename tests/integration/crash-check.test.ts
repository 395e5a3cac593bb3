import crypto from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { verifyStudyAnswers, type StudyAnswerAck } from "../crash/study-answers";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

/*
 * The crash test (`npm run test:crash`) trusts this check to notice a lost or doubled answer
 * and a broken card history: here each is made by hand in a database the real data layer wrote.
 */

const NOW = new Date("2026-03-02T06:00:00Z");
let t: TestDatabase;
let sqlite: Database.Database;
let stored: StudyAnswerAck[];
let acks: StudyAnswerAck[];

// The crash test runs the SQLite server and reads the file with better-sqlite3.
const sqliteOnly = onPostgres();

beforeAll(async () => {
  if (sqliteOnly) return;
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
  const questions = await t.db.question.findMany({ take: 2, orderBy: { id: "asc" } });
  const learnerId = (await t.db.learner.create({ data: {} })).id;
  stored = [];
  // Three answers to each of two cards: versions 0, 1, 2.
  for (let i = 0; i < 6; i++) {
    const questionId = questions[i % 2]?.id ?? "";
    const result = await submitAnswer(t.db, {
      learnerId,
      now: new Date(NOW.getTime() + i * 60_000),
      input: {
        clientAnswerId: crypto.randomUUID(),
        questionId,
        cardVersion: i < 2 ? null : Math.floor(i / 2) - 1,
        answer: { type: "reveal" },
        rating: 3,
        durationMs: 1000,
      },
    });
    stored.push({
      key: result.clientAnswerId,
      status: 201,
      learnerId,
      questionId,
      cardVersion: result.cardVersion,
    });
  }
  sqlite = new Database(t.file);
});
afterAll(async () => {
  if (sqliteOnly) return;
  sqlite.close();
  await t.cleanup();
});
// Each test breaks the database inside a transaction the check reads through; then it is undone.
beforeEach(() => {
  if (sqliteOnly) return;
  acks = [...stored];
  sqlite.exec("BEGIN");
});
afterEach(() => {
  if (sqliteOnly) return;
  sqlite.exec("ROLLBACK");
});

const check = () => verifyStudyAnswers(sqlite, acks);
const last = () => acks.at(-1) as StudyAnswerAck;

describe.skipIf(sqliteOnly)("the crash test's check of study answers", () => {
  it("finds every acknowledged answer once in whole histories", () => {
    expect(check()).toEqual({
      found: 6,
      lost: [],
      duplicated: [],
      problems: [],
      checked: "2 cards, 6 review logs",
    });
  });

  it("reports an acknowledged answer that is not stored, and the card whose history lacks it", () => {
    sqlite.prepare(`DELETE FROM "ReviewLog" WHERE clientAnswerId = ?`).run(last().key);
    const result = check();
    expect(result.lost).toEqual([last().key]);
    expect(result.problems).toEqual([
      expect.stringMatching(/is at version 2 but its review logs are versions \[0,1\]$/),
    ]);
  });

  it("reports an answer stored twice", () => {
    const other = crypto.randomUUID();
    sqlite
      .prepare(`INSERT INTO "Learner" (id, timeZone, createdAt, updatedAt) VALUES (?, 'UTC', 0, 0)`)
      .run(other);
    sqlite
      .prepare(
        `INSERT INTO "ReviewLog" SELECT 'copy', ?, cardId, questionId, clientAnswerId, siblingKey, rating, state, due,
           stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays, learningSteps, previousDue,
           reviewedAt, durationMs, answer, correct, response FROM "ReviewLog" WHERE clientAnswerId = ?`,
      )
      .run(other, last().key);
    const result = check();
    expect(result.duplicated).toEqual([last().key]);
    expect(result.problems).toContainEqual(
      expect.stringMatching(/^review log copy names another learner/),
    );
  });

  it("reports a card whose version moved without its review log", () => {
    sqlite
      .prepare(`UPDATE "Card" SET version = version + 1 WHERE questionId = ?`)
      .run(last().questionId);
    expect(check().problems).toEqual([
      expect.stringMatching(/is at version 3 but its review logs are versions \[0,1,2\]$/),
    ]);
  });

  it("reports a history whose links do not meet, and a card its last answer did not leave", () => {
    sqlite
      .prepare(
        `UPDATE "ReviewLog" SET previousDue = '2030-01-01T00:00:00.000+00:00' WHERE clientAnswerId = ?`,
      )
      .run(last().key);
    sqlite
      .prepare(`UPDATE "Card" SET due = '2031-01-01T00:00:00.000+00:00' WHERE questionId = ?`)
      .run(acks[0]?.questionId);
    const problems = check().problems;
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /: version 2 started from due 2030-01-01T00:00:00.000\+00:00, version 1 set /,
        ),
        expect.stringMatching(/ is due 2031-01-01T00:00:00.000\+00:00, its last answer set /),
      ]),
    );
  });

  it("reports an acknowledgement that names another version than the one stored", () => {
    acks[0] = { ...(acks[0] as StudyAnswerAck), cardVersion: 1 };
    expect(check().problems).toEqual([
      expect.stringMatching(/acknowledged as version 1 of .* stored as version 0 of /),
    ]);
  });
});
