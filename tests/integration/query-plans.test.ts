import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assignment } from "@/lib/core/classes";
import { Prisma } from "@/lib/generated/prisma/client";
import { firstGoodAnswersSql, studyGoalTalliesSql } from "@/lib/server/classes/class-activity";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

// SQLite's EXPLAIN QUERY PLAN; PostgreSQL's planner picks by table statistics, and scans the
// near-empty tables of a test database whatever the indexes.
const sqliteOnly = onPostgres();

let t: TestDatabase;
beforeAll(() => {
  if (!sqliteOnly) t = createTestDatabase();
});
afterAll(() => t?.cleanup());

async function plan(sql: string): Promise<string> {
  const rows = await t.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
  return rows.map((r) => r.detail).join("\n");
}

// The hot reads of the study queue must be index lookups, never a scan of all cards or logs.
describe.skipIf(sqliteOnly)("query plans of the study queue", () => {
  it("finds a learner's due cards through the (learnerId, suspended, due) index", async () => {
    const detail = await plan(
      `SELECT id FROM "Card" WHERE "learnerId" = 'x' AND "suspended" = 0 AND "due" <= 1767225600000 ORDER BY "due"`,
    );
    expect(detail).toMatch(/SEARCH Card USING (COVERING )?INDEX Card_learnerId_suspended_due_idx/);
    expect(detail).not.toMatch(/SCAN Card/);
  });

  it("finds a learner's cards for a deck by index on both sides of the join", async () => {
    const detail = await plan(
      `SELECT c.id FROM "Card" c JOIN "Question" q ON q.id = c."questionId"
       WHERE c."learnerId" = 'x' AND q."deckId" IN ('a') AND q."retiredAt" IS NULL`,
    );
    expect(detail).not.toMatch(/SCAN (c|Card)\b/);
    expect(detail).toMatch(
      /SEARCH q USING INDEX sqlite_autoindex_Question_1|SEARCH q USING INDEX Question_deckId/,
    );
  });

  it("finds today's answers through the (learnerId, reviewedAt) index", async () => {
    const detail = await plan(
      `SELECT "siblingKey" FROM "ReviewLog" WHERE "learnerId" = 'x' AND "reviewedAt" >= 1767225600000`,
    );
    expect(detail).toMatch(
      /SEARCH ReviewLog USING (COVERING )?INDEX ReviewLog_learnerId_reviewedAt_/,
    );
  });

  it("reads the learner with its recent answers by key, then the (learnerId, reviewedAt) index", async () => {
    // getStudyCard's settings and last two days' answers (readLearnerStudyRows), one statement.
    const detail = await plan(
      `SELECT l."settings", r."siblingKey" FROM "Learner" l LEFT JOIN "ReviewLog" r
       ON r."learnerId" = l."id" AND r."reviewedAt" >= '2026-01-01' WHERE l."id" = 'x'`,
    );
    expect(detail).toMatch(/SEARCH l USING INDEX sqlite_autoindex_Learner_1/);
    expect(detail).toMatch(/SEARCH r USING (COVERING )?INDEX ReviewLog_learnerId_reviewedAt_/);
    expect(detail).not.toMatch(/SCAN/);
  });

  it("reads a submit's learner, question and card by key (readForAnswer)", async () => {
    const detail = await plan(
      `SELECT l."settings", q."payload", c."version" FROM "Learner" l
       LEFT JOIN "Question" q ON q."id" = 'q' AND q."retiredAt" IS NULL
         AND EXISTS (SELECT 1 FROM "Deck" d WHERE d."id" = q."deckId" AND d."deletedAt" IS NULL
           AND d."visibility" = 'public')
       LEFT JOIN "Card" c ON c."learnerId" = l."id" AND c."questionId" = 'q'
       WHERE l."id" = 'x'`,
    );
    expect(detail).not.toMatch(/SCAN/);
    expect(detail).toMatch(/SEARCH c USING INDEX Card_learnerId_questionId_key/);
  });

  it("finds the answer that decides the per-minute limit by walking the index backwards", async () => {
    // submitAnswer's limit read (findBlockingAnswer): no table row is read.
    const detail = await plan(
      `SELECT "reviewedAt" FROM "ReviewLog" WHERE "learnerId" = 'x' AND "reviewedAt" > '2026-01-01'
       ORDER BY "reviewedAt" DESC LIMIT 1 OFFSET 119`,
    );
    expect(detail).toMatch(/SEARCH ReviewLog USING COVERING INDEX ReviewLog_learnerId_reviewedAt_/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it("reads recent practice and interview answers through the learner's own tests", async () => {
    const practice = await plan(
      `SELECT a."answeredAt" FROM "PracticeAnswer" a LEFT JOIN "PracticeAttempt" j ON j.id = a."attemptId"
       WHERE a."answeredAt" > '2026-01-01' AND j."learnerId" = 'x'
         AND (j."finishedAt" IS NULL OR j."finishedAt" > '2026-01-01')
       ORDER BY a."answeredAt" DESC LIMIT 1 OFFSET 119`,
    );
    expect(practice).toMatch(/SEARCH j USING INDEX PracticeAttempt_learnerId/);
    expect(practice).not.toMatch(/SCAN a\b/);
    const interview = await plan(
      `SELECT a."answeredAt" FROM "InterviewAnswer" a LEFT JOIN "InterviewSession" j ON j.id = a."sessionId"
       WHERE a."answeredAt" > '2026-01-01' AND j."learnerId" = 'x'
         AND (j."finishedAt" IS NULL OR j."finishedAt" > '2026-01-01')
       ORDER BY a."answeredAt" DESC LIMIT 1 OFFSET 59`,
    );
    expect(interview).toMatch(/SEARCH j USING INDEX InterviewSession_learnerId/);
    expect(interview).not.toMatch(/SCAN a\b/);
  });

  it("looks up a replayed answer by its unique client answer id", async () => {
    const detail = await plan(
      `SELECT response FROM "ReviewLog" WHERE "learnerId" = 'x' AND "clientAnswerId" = 'y'`,
    );
    expect(detail).toMatch(/SEARCH ReviewLog USING INDEX ReviewLog_learnerId_clientAnswerId_key/);
  });
});

// /stats reads up to a year of answers: covering indexes spare a table read per answer.
describe.skipIf(sqliteOnly)("query plans of the statistics", () => {
  it("sums each day from the learner's quarter-hour buckets, one range of the covering index", async () => {
    const detail = await plan(
      `SELECT 0 AS "day", COUNT(*) AS "buckets", SUM("reviews"), SUM("youngTotal"),
         SUM("youngRecalled"), SUM("matureTotal"), SUM("matureRecalled")
       FROM "ReviewBucket" WHERE "learnerId" = 'x'
         AND "bucketStart" >= '2026-01-01T01:00' AND "bucketStart" < '2026-01-02T01:00'
       UNION ALL
       SELECT 1 AS "day", COUNT(*) AS "buckets", SUM("reviews"), SUM("youngTotal"),
         SUM("youngRecalled"), SUM("matureTotal"), SUM("matureRecalled")
       FROM "ReviewBucket" WHERE "learnerId" = 'x'
         AND "bucketStart" >= '2026-01-02T01:00' AND "bucketStart" < '2026-01-03T01:00'`,
    );
    // Every bucket from the index alone: no table read per bucket, and no sort.
    const searches = detail.match(
      /SEARCH ReviewBucket USING COVERING INDEX ReviewBucket_learnerId_bucketStart_reviews_\w+ \(learnerId=\? AND bucketStart>\? AND bucketStart<\?\)/g,
    );
    expect(searches).toHaveLength(2);
    expect(detail).not.toMatch(/SCAN ReviewBucket|TEMP B-TREE/);
  });

  it("counts a day off the quarter hours, and finds active days, from the covering (learnerId, reviewedAt, …) index", async () => {
    const active = await plan(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM "ReviewLog" WHERE "learnerId" = 'x'
         AND "reviewedAt" >= '2026-01-01' AND "reviewedAt" < '2026-01-02') THEN 1 ELSE 0 END AS "d0"`,
    );
    const day = await plan(
      `SELECT COUNT(*), SUM(CASE WHEN "state" = 2 AND "scheduledDays" >= 21 AND "rating" >= 2 THEN 1 ELSE 0 END)
       FROM "ReviewLog" WHERE "learnerId" = 'x' AND "reviewedAt" >= '2026-01-01T03:30' AND "reviewedAt" < '2026-01-02T03:30'`,
    );
    for (const detail of [active, day]) {
      expect(detail).toMatch(
        /SEARCH ReviewLog USING COVERING INDEX ReviewLog_learnerId_reviewedAt_state_scheduledDays_rating_idx/,
      );
    }
  });

  it("reads mastery's counts per question and rating from ReviewTally, not the answer log", async () => {
    const detail = await plan(
      `SELECT "questionId", "rating", "count" FROM "ReviewTally" WHERE "learnerId" = 'x'`,
    );
    expect(detail).toMatch(
      /SEARCH ReviewTally USING INDEX sqlite_autoindex_ReviewTally_1 \(learnerId=\?\)/,
    );
    expect(detail).not.toMatch(/ReviewLog/);
  });
});

// A class dashboard reads every student's first Good answer per question of an assignment.
describe.skipIf(sqliteOnly)("query plans of class progress", () => {
  const assignment: Assignment = {
    id: "a",
    title: "Networking",
    scope: { deckId: "d", aspects: ["networking"], kinds: [] },
    task: { kind: "study", questionCount: null },
    openAt: new Date("2026-03-02T06:00:00Z"),
    dueAt: new Date("2026-03-04T06:00:00Z"),
  };

  it("reads the kept first Good answers by assignment and student, never the answer log", async () => {
    for (const scope of [
      { classId: "c", assignments: [assignment] },
      { classId: "c", assignments: [assignment], learnerId: "l" },
    ]) {
      const rows = await t.db.$queryRaw<{ detail: string }[]>(
        Prisma.sql`EXPLAIN QUERY PLAN ${firstGoodAnswersSql(scope, [assignment.id])}`,
      );
      const detail = rows.map((r) => r.detail).join("\n");
      // The index the study goals need covers these rows too.
      expect(detail).toMatch(
        /SEARCH f USING COVERING INDEX AssignmentFirstGood_assignmentId_learnerId_at_questionId_idx \(assignmentId=\?/,
      );
      expect(detail).not.toMatch(/ReviewLog|SCAN/);
    }
  });

  it("counts the study goals from the index in time order, one range per assignment and student", async () => {
    const rows = await t.db.$queryRaw<{ detail: string }[]>(
      Prisma.sql`EXPLAIN QUERY PLAN ${studyGoalTalliesSql("c", assignment, 3)}`,
    );
    const detail = rows.map((r) => r.detail).join("\n");
    const index = "AssignmentFirstGood_assignmentId_learnerId_at_questionId_idx";
    expect(detail).toMatch(
      new RegExp(`SEARCH f USING COVERING INDEX ${index} \\(assignmentId=\\?`),
    );
    expect(detail).toMatch(
      new RegExp(`SEARCH g USING COVERING INDEX ${index} \\(assignmentId=\\? AND learnerId=\\?`),
    );
    expect(detail).not.toMatch(/ReviewLog|SCAN|TEMP B-TREE/);
  });
});
