import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssignmentFormFields } from "@/lib/core/classes/assignment-form";
import type { Question } from "@/lib/core/deck/types";
import { exportMyData } from "@/lib/server/auth/accounts";
import { getAssignmentStudyCard } from "@/lib/server/classes/assignment-study";
import {
  AssignmentInvalidError,
  createAssignment,
  deleteAssignment,
  getTeacherAssignment,
  listClassAssignmentsForStudent,
  listStudentAssignments,
  updateAssignment,
} from "@/lib/server/classes/assignments";
import { getClassProgress } from "@/lib/server/classes/class-activity";
import { createClass, removeStudent } from "@/lib/server/classes/classes";
import { joinClass } from "@/lib/server/classes/enrollments";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.en";
// 09:00 in Moscow (UTC+3).
const NOW = new Date("2026-03-02T06:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let t: TestDatabase;
let questions: Question[];
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
  questions = (await getDeck(t.db, {}, DECK))!.questions;
});
afterAll(() => t.cleanup());

async function newTeacher() {
  const user = await t.db.user.create({
    data: { email: `t-${crypto.randomUUID()}@example.test`, role: "teacher" },
  });
  return user.id;
}

async function newClassWithStudent() {
  const teacherId = await newTeacher();
  const { classId, joinCode } = await createClass(t.db, {
    teacherId,
    name: "9 А",
    description: null,
    timeZone: "Europe/Moscow",
    now: NOW,
  });
  const student = (await t.db.learner.create({ data: { timeZone: "Asia/Tokyo" } })).id;
  await joinClass(t.db, {
    code: joinCode,
    address: `192.0.2.${crypto.randomUUID()}`,
    now: NOW,
    userId: null,
    learnerId: student,
    displayName: "Маша",
  });
  return { teacherId, classId, student };
}

const studyForm: AssignmentFormFields = {
  title: "Networking",
  deckId: DECK,
  aspects: ["networking"],
  kinds: [],
  kind: "study",
  questionCount: "",
  openAt: "2026-03-02T09:00",
  dueAt: "2026-03-04T21:00",
};

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

async function fieldErrorsOf(write: Promise<unknown>) {
  const error = await write.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AssignmentInvalidError);
  return (error as AssignmentInvalidError).fieldErrors;
}

describe("assignments of a teacher's class", () => {
  it("stores the form with its dates read in the class's zone", async () => {
    const { teacherId, classId } = await newClassWithStudent();
    const { assignmentId } = await createAssignment(t.db, {
      teacherId,
      classId,
      fields: studyForm,
      now: NOW,
    });
    const { assignment, timeZone } = await getTeacherAssignment(t.db, {
      teacherId,
      classId,
      assignmentId,
    });
    expect(timeZone).toBe("Europe/Moscow");
    // The teacher's data export carries the assignments they wrote.
    const exported = await exportMyData(t.db, { userId: teacherId });
    expect(exported.classesTaught[0]?.assignments).toMatchObject([
      { id: assignmentId, title: "Networking", aspects: ["networking"], kind: "study" },
    ]);
    expect(assignment).toMatchObject({
      title: "Networking",
      scope: { deckId: DECK, aspects: ["networking"], kinds: [] },
      task: { kind: "study", questionCount: null },
      openAt: NOW,
      dueAt: new Date("2026-03-04T18:00:00Z"),
    });
  });

  it("refuses a form with mistakes, each under its field, and writes nothing", async () => {
    const { teacherId, classId } = await newClassWithStudent();
    const write = (fields: AssignmentFormFields) =>
      createAssignment(t.db, { teacherId, classId, fields, now: NOW });
    expect(await fieldErrorsOf(write({ ...studyForm, dueAt: "2026-03-01T09:00" }))).toEqual({
      dueAt: "assignment_due_before_open",
    });
    expect(await fieldErrorsOf(write({ ...studyForm, aspects: ["no-such-aspect"] }))).toEqual({
      aspects: "assignment_aspect_unknown",
    });
    expect(await fieldErrorsOf(write({ ...studyForm, kinds: ["matching"] }))).toEqual({
      aspects: "assignment_scope_empty",
    });
    expect(
      await fieldErrorsOf(
        write({ ...studyForm, kind: "practice", questionCount: "50", aspects: ["networking"] }),
      ),
    ).toEqual({ questionCount: "assignment_too_few_questions" });
    expect(await fieldErrorsOf(write({ ...studyForm, deckId: "no-such-deck" }))).toEqual({
      deckId: "assignment_deck_unknown",
    });
    expect(await t.db.assignment.count({ where: { classId } })).toBe(0);
  });

  it("is the class's teacher's only: another teacher's class or assignment id is not found", async () => {
    const own = await newClassWithStudent();
    const other = await newClassWithStudent();
    const { assignmentId } = await createAssignment(t.db, {
      teacherId: own.teacherId,
      classId: own.classId,
      fields: studyForm,
      now: NOW,
    });
    const intruder = { teacherId: other.teacherId, classId: own.classId, assignmentId };
    // Their own class id with someone else's assignment id is no better.
    const mixed = { teacherId: other.teacherId, classId: other.classId, assignmentId };
    for (const options of [intruder, mixed]) {
      await expect(getTeacherAssignment(t.db, options)).rejects.toThrow(NotFoundError);
      await expect(
        updateAssignment(t.db, { ...options, fields: { ...studyForm, title: "Forged" }, now: NOW }),
      ).rejects.toThrow(NotFoundError);
      await expect(deleteAssignment(t.db, options)).rejects.toThrow(NotFoundError);
    }
    await expect(
      createAssignment(t.db, { ...intruder, fields: studyForm, now: NOW }),
    ).rejects.toThrow(NotFoundError);
    const kept = await t.db.assignment.findMany({ where: { classId: own.classId } });
    expect(kept.map((a) => a.title)).toEqual(["Networking"]);
    expect(await t.db.assignment.count({ where: { classId: other.classId } })).toBe(0);
    await deleteAssignment(t.db, { ...own, assignmentId });
    expect(await t.db.assignment.count({ where: { classId: own.classId } })).toBe(0);
  });

  it("keeps what was done through an edit and refuses edits that would throw it away", async () => {
    const { teacherId, classId, student } = await newClassWithStudent();
    const { assignmentId } = await createAssignment(t.db, {
      teacherId,
      classId,
      fields: studyForm,
      now: NOW,
    });
    const networking = questions.filter((q) => q.tags.aspect === "networking");
    const isolation = questions.filter((q) => q.tags.aspect === "isolation");
    await rate(student, networking[0]!.id, 3, at(10));
    await rate(student, networking[1]!.id, 4, at(11));
    await rate(student, isolation[0]!.id, 3, at(12));
    const progressOf = async () =>
      (await getClassProgress(t.db, { teacherId, classId, now: at(60) })).progress.find(
        (p) => p.assignmentId === assignmentId && p.learnerId === student,
      )!;
    expect((await progressOf()).counts).toEqual({
      done: 2,
      total: networking.length,
      unit: "question",
    });

    const edit = (fields: AssignmentFormFields) =>
      updateAssignment(t.db, { teacherId, classId, assignmentId, fields, now: at(30) });
    await edit({
      ...studyForm,
      title: "Networking and isolation",
      aspects: ["networking", "isolation"],
    });
    expect((await progressOf()).counts).toEqual({
      done: 3,
      total: networking.length + isolation.length,
      unit: "question",
    });
    await edit({ ...studyForm, questionCount: "2" });
    expect(await progressOf()).toMatchObject({ done: true, completedAt: at(11) });

    expect(
      await fieldErrorsOf(edit({ ...studyForm, kind: "practice", questionCount: "5" })),
      "every field at fault at once: the kind, and N above the 4 networking questions",
    ).toEqual({ kind: "assignment_kind_locked", questionCount: "assignment_too_few_questions" });
    expect(await fieldErrorsOf(edit({ ...studyForm, openAt: "2026-03-02T10:00" }))).toEqual({
      openAt: "assignment_open_locked",
    });
    const stored = await t.db.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect([stored.kind, stored.questionCount, stored.openAt]).toEqual(["study", 2, NOW]);
  });
});

describe("a student's assignments", () => {
  it("lists the class's assignments with the student's own progress, until they are removed", async () => {
    const { teacherId, classId, student } = await newClassWithStudent();
    const classmate = (await t.db.learner.create({ data: {} })).id;
    const code = (await t.db.class.findUniqueOrThrow({ where: { id: classId } })).joinCode;
    await joinClass(t.db, {
      code,
      address: `192.0.2.${crypto.randomUUID()}`,
      now: NOW,
      userId: null,
      learnerId: classmate,
      displayName: "Петя",
    });
    const later = await createAssignment(t.db, {
      teacherId,
      classId,
      fields: { ...studyForm, title: "Later", dueAt: "2026-03-20T21:00" },
      now: NOW,
    });
    const sooner = await createAssignment(t.db, {
      teacherId,
      classId,
      fields: { ...studyForm, title: "Sooner", questionCount: "1" },
      now: NOW,
    });
    const networking = questions.filter((q) => q.tags.aspect === "networking");
    await rate(classmate, networking[0]!.id, 3, at(5));

    const list = await listStudentAssignments(t.db, { learnerId: student, now: at(60) });
    expect(list.map((item) => item.assignment.title)).toEqual(["Sooner", "Later"]);
    expect(list.map((item) => item.progress.learnerId)).toEqual([student, student]);
    expect(list.every((item) => item.progress.counts.done === 0)).toBe(true);
    const theirs = await listClassAssignmentsForStudent(t.db, {
      learnerId: classmate,
      classId,
      now: at(60),
    });
    expect(theirs.map((item) => [item.assignment.id, item.progress.done])).toEqual([
      [later.assignmentId, false],
      [sooner.assignmentId, true],
    ]);

    const enrolment = await t.db.enrollment.findFirstOrThrow({
      where: { classId, learnerId: student },
    });
    await removeStudent(t.db, { teacherId, classId, enrollmentId: enrolment.id });
    expect(await listStudentAssignments(t.db, { learnerId: student, now: at(60) })).toEqual([]);
    await expect(
      listClassAssignmentsForStudent(t.db, { learnerId: student, classId, now: at(60) }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe("the study session of an assignment", () => {
  it("asks exactly the scope's questions still short of the goal, past the daily new-card limit", async () => {
    const { teacherId, classId, student } = await newClassWithStudent();
    await t.db.learner.update({
      where: { id: student },
      data: { settings: JSON.stringify({ newCardsPerDay: 1 }) },
    });
    const { assignmentId } = await createAssignment(t.db, {
      teacherId,
      classId,
      fields: { ...studyForm, aspects: [], kinds: ["true-false"] },
      now: NOW,
    });
    const trueFalse = questions.filter((q) => q.kind === "true-false");
    expect(trueFalse.length).toBeGreaterThan(2);
    const seen = new Set<string>();
    let state = await getAssignmentStudyCard(t.db, {
      learnerId: student,
      assignmentId,
      now: at(1),
    });
    expect(state.goal).toMatchObject({ done: 0, total: trueFalse.length, reached: false });
    // Good on every card the session shows, minutes apart, until it has nothing left.
    for (let minute = 2; state.card && minute < 100; minute++) {
      expect(state.card.question.kind).toBe("true-false");
      seen.add(state.card.question.id);
      await rate(student, state.card.question.id, 3, at(minute));
      state = await getAssignmentStudyCard(t.db, {
        learnerId: student,
        assignmentId,
        now: at(minute),
      });
    }
    expect([...seen].sort()).toEqual(trueFalse.map((q) => q.id).sort());
    expect(state.goal).toMatchObject({ done: trueFalse.length, reached: true });
    // Ordinary study keeps its limit: one new card a day was used up long ago.
    const ordinary = await getStudyCard(t.db, {
      learnerId: student,
      deckIds: [DECK],
      now: at(200),
    });
    expect(ordinary.counts.new).toBe(0);
  });

  it("is only for students of the class, once the assignment has opened", async () => {
    const { teacherId, classId, student } = await newClassWithStudent();
    const outsider = (await t.db.learner.create({ data: {} })).id;
    const { assignmentId } = await createAssignment(t.db, {
      teacherId,
      classId,
      fields: { ...studyForm, openAt: "2026-03-03T09:00" },
      now: NOW,
    });
    for (const learnerId of [outsider, null]) {
      await expect(
        getAssignmentStudyCard(t.db, { learnerId, assignmentId, now: NOW }),
      ).rejects.toThrow(NotFoundError);
    }
    await expect(
      getAssignmentStudyCard(t.db, { learnerId: student, assignmentId, now: NOW }),
    ).rejects.toThrow(ConflictError);
    const opened = await getAssignmentStudyCard(t.db, {
      learnerId: student,
      assignmentId,
      now: new Date("2026-03-03T07:00:00Z"),
    });
    expect(opened.card?.question.tags.aspect).toBe("networking");
  });
});
