import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssignmentTask } from "@/lib/core/classes";
import type { Question } from "@/lib/core/deck/types";
import { Rating } from "@/lib/core/study";
import {
  getClassProgress,
  getStudentClassProgress,
  listClassAssignments,
  loadClassActivity,
  loadDeckFacts,
} from "@/lib/server/classes/class-activity";
import { createClass, deleteClass, removeStudent } from "@/lib/server/classes/classes";
import { joinClass } from "@/lib/server/classes/enrollments";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { NotFoundError } from "@/lib/server/errors";
import {
  checkInterviewAnswer,
  startInterview,
  submitInterviewAnswer,
} from "@/lib/server/practice/interviews";
import {
  startPracticeAttempt,
  submitPracticeAnswer,
} from "@/lib/server/practice/practice-attempts";
import { getPracticeAttempt } from "@/lib/server/practice/practice-queries";
import {
  InterviewAnswerSchema,
  PracticeAnswerSchema,
  StartInterviewSchema,
  StartPracticeSchema,
} from "@/lib/server/practice/schemas";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { answerFor } from "../setup/practice-answers";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.en";
const NOW = new Date("2026-03-02T06:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const DUE = at(2 * 24 * 60);

let t: TestDatabase;
let questions: Question[];
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
  questions = (await getDeck(t.db, {}, DECK))!.questions;
});
afterAll(() => t.cleanup());

async function newUser(role: "teacher" | "learner") {
  const user = await t.db.user.create({
    data: { email: `${role}-${crypto.randomUUID()}@example.test`, role },
  });
  const learner = await t.db.learner.create({ data: { userId: user.id } });
  return { userId: user.id, learnerId: learner.id };
}

async function insertAssignment(
  classId: string,
  fields: { title: string; aspects?: string[]; kinds?: string[]; task: AssignmentTask },
) {
  const task = fields.task;
  const row = await t.db.assignment.create({
    data: {
      classId,
      title: fields.title,
      deckId: DECK,
      aspects: JSON.stringify(fields.aspects ?? []),
      kinds: JSON.stringify(fields.kinds ?? []),
      kind: task.kind,
      questionCount: task.questionCount,
      passMark: task.kind === "practice" ? task.passMark : null,
      openAt: NOW,
      dueAt: DUE,
      createdAt: NOW,
    },
  });
  return row.id;
}

/** A study answer with this rating, as /study sends it (the card's current version). */
async function rate(learnerId: string, questionId: string, rating: 1 | 2 | 3 | 4, when: Date) {
  const card = await t.db.card.findUnique({
    where: { learnerId_questionId: { learnerId, questionId } },
    select: { version: true },
  });
  await submitAnswer(t.db, {
    learnerId,
    now: when,
    input: {
      clientAnswerId: crypto.randomUUID(),
      questionId,
      cardVersion: card?.version ?? null,
      answer: { type: "reveal" },
      rating,
      durationMs: 3000,
    },
  });
}

/** Starts a practice test and answers its first `answered` questions, `wrong` of them wrongly. */
async function takeTest(
  learnerId: string,
  options: { aspects: string[]; count: number; answered: number; wrong: number; when: Date },
) {
  const { attemptId } = await startPracticeAttempt(t.db, {
    address: "203.0.113.7",
    learnerId,
    input: StartPracticeSchema.parse({
      clientId: crypto.randomUUID(),
      deckId: DECK,
      aspects: options.aspects,
      count: options.count,
      seed: 7,
    }),
    now: options.when,
  });
  const view = await getPracticeAttempt(t.db, { learnerId, attemptId });
  for (const [i, question] of view.questions.slice(0, options.answered).entries()) {
    await submitPracticeAnswer(t.db, {
      learnerId,
      attemptId,
      now: options.when,
      input: PracticeAnswerSchema.parse({
        clientAnswerId: crypto.randomUUID(),
        questionId: question.id,
        durationMs: 20_000,
        ...answerFor(question, i >= options.wrong),
      }),
    });
  }
  return attemptId;
}

/** A mock interview of `count` items; the first `checked` are answered and get point 0 ticked. */
async function takeInterview(learnerId: string, count: number, checked: number, when: Date) {
  const { sessionId } = await startInterview(t.db, {
    address: "203.0.113.7",
    learnerId,
    input: StartInterviewSchema.parse({ clientId: crypto.randomUUID(), deckId: DECK, count }),
    now: when,
  });
  for (let position = 0; position < checked; position++) {
    await submitInterviewAnswer(t.db, {
      learnerId,
      sessionId,
      now: when,
      input: InterviewAnswerSchema.parse({
        position,
        clientAnswerId: crypto.randomUUID(),
        text: "a pod shares one network namespace",
      }),
    });
    await checkInterviewAnswer(t.db, {
      learnerId,
      sessionId,
      now: when,
      input: { position, coveredPoints: [0] },
    });
  }
  return sessionId;
}

describe("class activity, read with grouped queries", () => {
  let teacher: Awaited<ReturnType<typeof newUser>>;
  let classId: string;
  let anna: Awaited<ReturnType<typeof newUser>>;
  let guest: string;
  let outsider: string;
  let removed: string;
  const ids = { study: "", studyOne: "", practice: "", interview: "" };
  let networking: Question[];
  let classify: Question[];
  let annaInterview: string;
  let annaTest: string;

  beforeAll(async () => {
    teacher = await newUser("teacher");
    const created = await createClass(t.db, {
      teacherId: teacher.userId,
      name: "10 Б",
      description: null,
      timeZone: "Europe/Moscow",
      now: NOW,
    });
    classId = created.classId;
    anna = await newUser("learner");
    guest = (await t.db.learner.create({ data: {} })).id;
    outsider = (await t.db.learner.create({ data: {} })).id;
    removed = (await t.db.learner.create({ data: {} })).id;
    const join = (learnerId: string, userId: string | null, displayName?: string) =>
      joinClass(t.db, {
        code: created.joinCode,
        address: `203.0.113.${crypto.randomUUID()}`,
        now: NOW,
        userId,
        learnerId,
        displayName,
      });
    await join(anna.learnerId, anna.userId);
    await join(guest, null, "Гость");
    await join(removed, null, "Ушёл");

    networking = questions.filter((q) => q.tags.aspect === "networking");
    classify = questions.filter((q) => q.kind === "classify");
    expect(networking.length).toBeGreaterThanOrEqual(4);
    expect(classify.length).toBeGreaterThanOrEqual(1);
    ids.study = await insertAssignment(classId, {
      title: "Networking",
      aspects: ["networking"],
      task: { kind: "study", questionCount: null },
    });
    ids.studyOne = await insertAssignment(classId, {
      title: "One classify question",
      kinds: ["classify"],
      task: { kind: "study", questionCount: 1 },
    });
    ids.practice = await insertAssignment(classId, {
      title: "Test",
      aspects: ["isolation", "networking"],
      task: { kind: "practice", questionCount: 5, passMark: 60 },
    });
    ids.interview = await insertAssignment(classId, {
      title: "Interview",
      task: { kind: "interview", questionCount: 2 },
    });

    const [n0, n1, n2, n3] = networking.map((q) => q.id);
    // Before the opening: does not count; the Good answer an hour after it does.
    await rate(anna.learnerId, n0!, Rating.Good, at(-60));
    await rate(anna.learnerId, n1!, Rating.Again, at(5));
    await rate(anna.learnerId, n2!, Rating.Good, at(10));
    await rate(anna.learnerId, n3!, Rating.Easy, at(11));
    await rate(anna.learnerId, classify[0]!.id, Rating.Good, at(20));
    await rate(anna.learnerId, n0!, Rating.Good, at(60));
    // After the due date: counts, late.
    await rate(guest, classify[0]!.id, Rating.Good, at(3 * 24 * 60));
    await rate(outsider, n2!, Rating.Good, at(10));
    await rate(removed, n2!, Rating.Good, at(10));

    const scope = ["isolation", "networking"];
    await takeTest(anna.learnerId, {
      aspects: scope,
      count: 5,
      answered: 5,
      wrong: 0,
      when: at(-30),
    });
    annaTest = await takeTest(anna.learnerId, {
      aspects: scope,
      count: 5,
      answered: 5,
      wrong: 1,
      when: at(30),
    });
    await takeTest(guest, { aspects: [], count: 5, answered: 5, wrong: 0, when: at(30) });
    await takeTest(guest, { aspects: scope, count: 5, answered: 2, wrong: 0, when: at(35) });
    await takeTest(outsider, { aspects: scope, count: 5, answered: 5, wrong: 0, when: at(30) });

    annaInterview = await takeInterview(anna.learnerId, 2, 2, at(40));
    await takeInterview(guest, 2, 1, at(40));

    const enrolment = await t.db.enrollment.findFirstOrThrow({
      where: { classId, learnerId: removed },
    });
    await removeStudent(t.db, { teacherId: teacher.userId, classId, enrollmentId: enrolment.id });
  });

  it("reads each enrolled student's first Good or Easy answer per in-scope question since the opening", async () => {
    const assignments = await listClassAssignments(t.db, classId);
    const activity = await loadClassActivity(t.db, { classId, assignments });
    const rows = activity.firstGoodAnswers
      .map((r) => ({ ...r, at: r.at.toISOString() }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.assignmentId.localeCompare(b.assignmentId));
    expect(rows).toEqual(
      [
        {
          assignmentId: ids.study,
          learnerId: anna.learnerId,
          questionId: networking[2]!.id,
          at: at(10),
        },
        {
          assignmentId: ids.study,
          learnerId: anna.learnerId,
          questionId: networking[3]!.id,
          at: at(11),
        },
        {
          assignmentId: ids.studyOne,
          learnerId: anna.learnerId,
          questionId: classify[0]!.id,
          at: at(20),
        },
        {
          assignmentId: ids.study,
          learnerId: anna.learnerId,
          questionId: networking[0]!.id,
          at: at(60),
        },
        {
          assignmentId: ids.studyOne,
          learnerId: guest,
          questionId: classify[0]!.id,
          at: at(3 * 24 * 60),
        },
      ]
        .map((r) => ({ ...r, at: r.at.toISOString() }))
        .sort((a, b) => a.at.localeCompare(b.at) || a.assignmentId.localeCompare(b.assignmentId)),
    );
  });

  it("reads practice tests with their answers counted, only since the opening and only of the class", async () => {
    const assignments = await listClassAssignments(t.db, classId);
    const { practiceAttempts } = await loadClassActivity(t.db, { classId, assignments });
    const summary = (learnerId: string) =>
      practiceAttempts
        .filter((a) => a.learnerId === learnerId)
        .map((a) => [
          a.aspects.join(","),
          a.questionCount,
          a.answered,
          a.correct,
          a.finishedAt !== null,
        ])
        .sort();
    expect(summary(anna.learnerId)).toEqual([["isolation,networking", 5, 5, 4, true]]);
    expect(summary(guest)).toEqual(
      [
        ["", 5, 5, 5, true],
        ["isolation,networking", 5, 2, 2, false],
      ].sort(),
    );
    expect(practiceAttempts.map((a) => a.learnerId)).not.toContain(outsider);
    expect(practiceAttempts.find((a) => a.learnerId === anna.learnerId)?.attemptId).toBe(annaTest);
  });

  it("reads interviews with their key points from the stored items", async () => {
    const assignments = await listClassAssignments(t.db, classId);
    const { interviewSessions } = await loadClassActivity(t.db, { classId, assignments });
    const own = interviewSessions.find((s) => s.learnerId === anna.learnerId)!;
    const items = JSON.parse(
      (await t.db.interviewSession.findUniqueOrThrow({ where: { id: annaInterview } })).items,
    ) as { keyPoints: unknown[] }[];
    expect(own).toMatchObject({
      sessionId: annaInterview,
      itemCount: 2,
      checked: 2,
      coveredPoints: 2,
      totalPoints: items.reduce((sum, item) => sum + item.keyPoints.length, 0),
    });
    expect(own.finishedAt).toEqual(at(40));
    expect(interviewSessions.find((s) => s.learnerId === guest)).toMatchObject({
      itemCount: 2,
      checked: 1,
      finishedAt: null,
    });
    expect(interviewSessions).toHaveLength(2);
  });

  it("gives the teacher every enrolled student's progress, numbers as the students did", async () => {
    const result = await getClassProgress(t.db, {
      teacherId: teacher.userId,
      classId,
      now: at(4 * 24 * 60),
    });
    expect(result.learnerIds).toEqual([anna.learnerId, guest]);
    expect(result.assignments.map((a) => a.id)).toHaveLength(4);
    const find = (learnerId: string, assignmentId: string) =>
      result.progress.find((p) => p.learnerId === learnerId && p.assignmentId === assignmentId)!;

    expect(find(anna.learnerId, ids.study)).toMatchObject({
      done: false,
      overdue: true,
      counts: { done: 3, total: networking.length, unit: "question" },
    });
    expect(find(anna.learnerId, ids.studyOne)).toMatchObject({
      done: true,
      late: false,
      completedAt: at(20),
    });
    expect(find(guest, ids.studyOne)).toMatchObject({ done: true, late: true });
    expect(find(anna.learnerId, ids.practice)).toMatchObject({
      done: true,
      passed: true,
      best: { earned: 4, possible: 5, percent: 80 },
    });
    // The whole-deck test draws outside the scope: it does not count; the unfinished one is 2 of 5.
    expect(find(guest, ids.practice)).toMatchObject({ done: false, best: null, progress: 0.4 });
    expect(find(anna.learnerId, ids.interview)).toMatchObject({ done: true, completedAt: at(40) });
    expect(find(guest, ids.interview)).toMatchObject({ done: false, progress: 0.5 });
    expect(result.progress).toHaveLength(8);
  });

  it("gives a student only their own rows, and nothing of a class they are not in", async () => {
    const own = await getStudentClassProgress(t.db, { learnerId: guest, classId, now: NOW });
    expect(own.learnerIds).toEqual([guest]);
    const learners = new Set([
      ...own.progress.map((p) => p.learnerId),
      ...own.activity.firstGoodAnswers.map((r) => r.learnerId),
      ...own.activity.practiceAttempts.map((r) => r.learnerId),
      ...own.activity.interviewSessions.map((r) => r.learnerId),
    ]);
    expect([...learners]).toEqual([guest]);
    for (const learnerId of [outsider, removed]) {
      await expect(getStudentClassProgress(t.db, { learnerId, classId, now: NOW })).rejects.toThrow(
        NotFoundError,
      );
    }
    const other = await newUser("teacher");
    await expect(
      getClassProgress(t.db, { teacherId: other.userId, classId, now: NOW }),
    ).rejects.toThrow(NotFoundError);
  });

  it("knows each deck's live questions and interview pool", async () => {
    const [facts] = await loadDeckFacts(t.db, [DECK, DECK, "no-such-deck"]);
    expect(facts!.questions.map((q) => q.id).sort()).toEqual(questions.map((q) => q.id).sort());
    expect(facts!.interviewPoolSize).toBeGreaterThanOrEqual(2);
    expect(await loadDeckFacts(t.db, ["no-such-deck"])).toEqual([]);
  });

  it("deletes the class's assignments with it and keeps every student's own work", async () => {
    const before = await Promise.all([
      t.db.reviewLog.count({ where: { learnerId: anna.learnerId } }),
      t.db.practiceAttempt.count({ where: { learnerId: anna.learnerId } }),
      t.db.interviewSession.count({ where: { learnerId: anna.learnerId } }),
    ]);
    await deleteClass(t.db, { teacherId: teacher.userId, classId });
    expect(await t.db.assignment.count({ where: { classId } })).toBe(0);
    expect(
      await Promise.all([
        t.db.reviewLog.count({ where: { learnerId: anna.learnerId } }),
        t.db.practiceAttempt.count({ where: { learnerId: anna.learnerId } }),
        t.db.interviewSession.count({ where: { learnerId: anna.learnerId } }),
      ]),
    ).toEqual(before);
    expect(before.every((n) => n > 0)).toBe(true);
  });
});
