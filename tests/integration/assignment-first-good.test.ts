import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "@/lib/core/deck/types";
import { createRandom } from "@/lib/core/practice/random";
import { Rating } from "@/lib/core/study";
import { mergeGuestIntoUser } from "@/lib/server/auth/accounts";
import { deriveClassProgress, type DeckFacts } from "@/lib/core/classes";
import {
  listClassAssignments,
  loadFirstGoodAnswers,
  loadStudyGoalTallies,
} from "@/lib/server/classes/class-activity";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { undoAnswer } from "@/lib/server/study/undo-answer";
import { firstGoodFromLog } from "../setup/first-good-oracle";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";
import { answerReveal, ensureCard } from "../setup/test-rows";

// AssignmentFirstGood and ReviewTally are kept by triggers; these tests hold them against the
// answer log itself after every kind of change the app or a tool can make.

const DECK = "containers-vs-pods.en";
const T0 = new Date("2026-03-02T06:00:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

let t: TestDatabase;
let questions: Question[];
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: T0 });
  questions = (await getDeck(t.db, {}, DECK))!.questions;
});
afterAll(() => t.cleanup());

const key = (row: {
  assignmentId: string;
  learnerId: string;
  questionId: string;
  at: Date | string;
}) => `${row.assignmentId} ${row.learnerId} ${row.questionId} ${new Date(row.at).toISOString()}`;

/** What the class progress reads, next to what the answer log says it must be. */
async function expectInStep(classId: string) {
  const assignments = await listClassAssignments(t.db, classId);
  const read = await loadFirstGoodAnswers(t.db, { classId, assignments });
  const truth = await firstGoodFromLog(t.db, classId);
  expect(read.map(key).sort()).toEqual(truth.map(key).sort());
  return truth.length;
}

/**
 * The study goals as the dashboard counts them in SQL (loadStudyGoalTallies), derived into
 * progress, next to the progress the core derives from the answer log's first Good answers.
 * Returns how many of the compared rows were done and how many part done.
 */
async function expectGoalsInStep(classId: string) {
  const assignments = await listClassAssignments(t.db, classId);
  // The deck as it is now, read here: the test retires questions without a deck sync.
  const deck: DeckFacts = {
    deckId: DECK,
    questions: await t.db.question.findMany({
      where: { deckId: DECK, retiredAt: null },
      select: { id: true, aspect: true, kind: true },
    }),
    interviewPoolSize: 0,
  };
  const enrolled = await t.db.enrollment.findMany({
    where: { classId },
    select: { learnerId: true },
  });
  const truth = await firstGoodFromLog(t.db, classId);
  const derive = (activity: Parameters<typeof deriveClassProgress>[0]["activity"]) =>
    deriveClassProgress({
      assignments,
      decks: [deck],
      learnerIds: enrolled.map((e) => e.learnerId).sort(),
      activity,
      now: at(24 * 30),
    });
  const counted = derive({
    firstGoodAnswers: [],
    studyGoals: await loadStudyGoalTallies(t.db, { classId, assignments, decks: [deck] }),
    practiceAttempts: [],
    interviewSessions: [],
  });
  const fromLog = derive({
    firstGoodAnswers: truth.map((row) => ({ ...row, at: new Date(row.at) })),
    practiceAttempts: [],
    interviewSessions: [],
  });
  expect(counted).toEqual(fromLog);
  const study = fromLog.filter((row) => row.kind === "study");
  return {
    done: study.filter((row) => row.done).length,
    partly: study.filter((row) => !row.done && row.counts.done > 0).length,
  };
}

/** ReviewTally against the answer log it counts. */
async function expectTallyInStep() {
  const tally = await t.db.reviewTally.findMany();
  const truth = await t.db.$queryRaw<
    {
      learnerId: string;
      questionId: string;
      rating: number;
      count: number;
      firstAt: string;
      lastAt: string;
    }[]
  >`SELECT "learnerId", "questionId", "rating", COUNT(*) AS "count",
      MIN("reviewedAt") AS "firstAt", MAX("reviewedAt") AS "lastAt"
    FROM "ReviewLog" GROUP BY "learnerId", "questionId", "rating"`;
  const line = (r: {
    learnerId: string;
    questionId: string;
    rating: number;
    count: number | bigint;
  }) => `${r.learnerId} ${r.questionId} ${r.rating} ${Number(r.count)}`;
  expect(
    tally.map((r) => `${line(r)} ${r.firstAt.toISOString()} ${r.lastAt.toISOString()}`).sort(),
  ).toEqual(
    truth
      .map(
        (r) =>
          `${line(r)} ${new Date(r.firstAt).toISOString()} ${new Date(r.lastAt).toISOString()}`,
      )
      .sort(),
  );
}

async function newClass() {
  const teacher = await t.db.user.create({
    data: { email: `t-${crypto.randomUUID()}@example.test`, role: "teacher" },
  });
  const k = await t.db.class.create({
    data: {
      teacherId: teacher.id,
      name: "Triggers",
      timeZone: "UTC",
      joinCode: crypto.randomUUID().slice(0, 8),
      createdAt: T0,
    },
  });
  return k.id;
}

async function newAssignment(
  classId: string,
  fields: {
    kind?: string;
    aspects?: string[];
    kinds?: string[];
    openAt: Date;
    questionCount?: number;
  },
) {
  const row = await t.db.assignment.create({
    data: {
      classId,
      title: "A",
      deckId: DECK,
      aspects: JSON.stringify(fields.aspects ?? []),
      kinds: JSON.stringify(fields.kinds ?? []),
      kind: fields.kind ?? "study",
      questionCount: fields.questionCount ?? (fields.kind === "practice" ? 5 : null),
      passMark: null,
      openAt: fields.openAt,
      dueAt: at(24 * 7),
      createdAt: T0,
    },
  });
  return row.id;
}

async function newLearner(userId?: string) {
  return (await t.db.learner.create({ data: { userId } })).id;
}

async function enroll(classId: string, learnerId: string) {
  await t.db.enrollment.create({ data: { classId, learnerId, displayName: "S", joinedAt: T0 } });
}

/** One answer row as a tool or the study route would write it (its card made when missing). */
async function logAnswer(learnerId: string, question: Question, rating: number, reviewedAt: Date) {
  const cardId = await ensureCard(t.db, {
    learnerId,
    questionId: question.id,
    at: reviewedAt,
    state: 1,
  });
  return t.db.reviewLog.create({
    data: {
      learnerId,
      cardId,
      questionId: question.id,
      clientAnswerId: crypto.randomUUID(),
      siblingKey: question.siblingKey,
      rating,
      state: 1,
      due: reviewedAt,
      stability: 1,
      difficulty: 5,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      previousDue: reviewedAt,
      reviewedAt,
      durationMs: 1000,
      response: "{}",
    },
  });
}

describe("tables kept by triggers follow the answer log", () => {
  it("stays equal to the log through random answers, removals, moves, enrolments and edits", async () => {
    const random = createRandom(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const aspects = [...new Set(questions.map((q) => q.tags.aspect))].sort();
    const kinds = [...new Set(questions.map((q) => q.kind))].sort();
    const classId = await newClass();
    const otherClassId = await newClass();
    const learners = await Promise.all([1, 2, 3, 4, 5].map(() => newLearner()));
    const enrolled = new Set(learners.slice(0, 3));
    for (const id of enrolled) await enroll(classId, id);
    await enroll(otherClassId, learners[4]!);
    const assignmentIds = [
      await newAssignment(classId, { openAt: at(0) }),
      await newAssignment(classId, { aspects: [aspects[0]!, aspects[1]!], openAt: at(24) }),
      await newAssignment(classId, { kinds: [kinds[0]!], openAt: at(12) }),
      await newAssignment(classId, { kind: "practice", openAt: at(0) }),
      await newAssignment(otherClassId, { openAt: at(0) }),
      // Goals of N questions: completed at the N-th question's first Good answer.
      await newAssignment(classId, { questionCount: 3, openAt: at(6) }),
      await newAssignment(classId, { aspects: [aspects[2]!], questionCount: 2, openAt: at(-6) }),
    ];
    const hours = () => Math.floor(random() * 96) - 24;
    // The answers in the order they were given: the same steps on every run and database (rows
    // read without ORDER BY come back in no set order, and PostgreSQL's differs from SQLite's).
    const logs: string[] = [];
    const operations: Record<string, () => Promise<unknown>> = {
      answer: async () => {
        const log = await logAnswer(
          pick(learners),
          pick(questions),
          1 + Math.floor(random() * 4),
          at(hours()),
        );
        logs.push(log.id);
      },
      remove: async () => {
        if (logs.length === 0) return;
        const id = pick(logs);
        logs.splice(logs.indexOf(id), 1);
        await t.db.reviewLog.delete({ where: { id } });
      },
      "move to another learner": async () => {
        if (logs.length > 0)
          await t.db.reviewLog.update({
            where: { id: pick(logs) },
            data: { learnerId: pick(learners) },
          });
      },
      "re-rate or re-time": async () => {
        if (logs.length > 0)
          await t.db.reviewLog.update({
            where: { id: pick(logs) },
            data:
              random() < 0.5
                ? { rating: 1 + Math.floor(random() * 4) }
                : { reviewedAt: at(hours()) },
          });
      },
      "join or leave": async () => {
        const learnerId = pick(learners);
        if (enrolled.delete(learnerId)) {
          await t.db.enrollment.deleteMany({ where: { classId, learnerId } });
        } else {
          enrolled.add(learnerId);
          await enroll(classId, learnerId);
        }
      },
      "edit an assignment": () =>
        t.db.assignment.update({
          where: { id: pick(assignmentIds.slice(0, 3)) },
          data:
            random() < 0.5
              ? { openAt: at(hours()) }
              : { aspects: JSON.stringify(random() < 0.3 ? [] : [pick(aspects)]) },
        }),
      "retire or restore a question": () =>
        t.db.question.update({
          where: { id: pick(questions).id },
          data: { retiredAt: random() < 0.5 ? at(0) : null },
        }),
    };
    const names = Object.keys(operations);
    const weights = ["answer", "answer", "answer", "answer", ...names];
    let nonEmpty = 0;
    const goals = { done: 0, partly: 0 };
    for (let step = 0; step < 160; step++) {
      const name = pick(weights);
      await operations[name]!();
      if ((await expectInStep(classId)) > 0) nonEmpty += 1;
      await expectInStep(otherClassId);
      await expectTallyInStep();
      const { done, partly } = await expectGoalsInStep(classId);
      goals.done += done;
      goals.partly += partly;
    }
    // The comparison meant something: most steps had rows to compare, goals met and part met.
    expect(nonEmpty).toBeGreaterThan(100);
    expect(goals.done).toBeGreaterThan(50);
    expect(goals.partly).toBeGreaterThan(50);

    // A new study assignment over answers given before it existed, then its deletion.
    const late = await newAssignment(classId, { openAt: at(-24) });
    expect(await expectInStep(classId)).toBeGreaterThan(0);
    await t.db.assignment.delete({ where: { id: late } });
    await expectInStep(classId);
    expect(await t.db.assignmentFirstGood.count({ where: { assignmentId: late } })).toBe(0);
  });

  it("follows the app's own writes: study answers, undo, a guest's history moving into an account", async () => {
    const classId = await newClass();
    await newAssignment(classId, { openAt: at(0) });
    const user = await t.db.user.create({
      data: { email: `u-${crypto.randomUUID()}@example.test` },
    });
    const account = await newLearner(user.id);
    const guest = await newLearner();
    await enroll(classId, guest);
    const [first, second] = questions;

    const answer = (
      learnerId: string,
      question: Question,
      rating: 1 | 2 | 3 | 4,
      now: Date,
      cardVersion: number | null,
    ) => answerReveal(t.db, { learnerId, question, rating, now, cardVersion });

    const good = await answer(guest, first!, Rating.Good, at(1), null);
    await answer(guest, second!, Rating.Again, at(2), null);
    expect(await expectInStep(classId)).toBe(1);

    const again = await t.db.reviewLog.findFirstOrThrow({
      where: { learnerId: guest, rating: Rating.Again },
    });
    await undoAnswer(t.db, { learnerId: guest, clientAnswerId: again.clientAnswerId });
    await undoAnswer(t.db, { learnerId: guest, clientAnswerId: good.clientAnswerId });
    expect(await expectInStep(classId)).toBe(0);

    await answer(guest, first!, Rating.Easy, at(3), 1);
    await answer(account, second!, Rating.Good, at(4), null);
    expect(await expectInStep(classId)).toBe(1);

    // The enrolment moves with the history: both answers now count for the account.
    await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId: user.id });
    expect(await expectInStep(classId)).toBe(2);
    expect(await t.db.assignmentFirstGood.count({ where: { learnerId: guest } })).toBe(0);
    await expectTallyInStep();
  });
});
