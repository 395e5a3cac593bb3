import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateJoinCode, JOIN_CODE_ALPHABET } from "@/lib/core/classes/join-code";
import {
  deleteAccount,
  exportMyData,
  mergeGuestIntoUser,
  registerUser,
} from "@/lib/server/auth/accounts";
import {
  getStudentClass,
  getTeacherClass,
  listStudentClasses,
  listTeacherClasses,
} from "@/lib/server/classes/class-queries";
import {
  archiveClass,
  createClass,
  deleteClass,
  regenerateJoinCode,
  removeStudent,
  setJoiningOpen,
  unarchiveClass,
  updateClassDetails,
} from "@/lib/server/classes/classes";
import { findClassByJoinCode, joinClass, leaveClass } from "@/lib/server/classes/enrollments";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { ForbiddenError, NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { startPracticeAttempt } from "@/lib/server/practice/practice-attempts";
import { StartPracticeSchema } from "@/lib/server/practice/schemas";
import { RATE_LIMITS } from "@/lib/server/rate-limits/limits";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.ru";
const NOW = new Date("2026-03-02T06:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

let t: TestDatabase;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
});
afterAll(() => t.cleanup());

/** Each test gets its own address, so one test's wrong codes never count against another's. */
const newAddress = () => `198.51.100.${crypto.randomInt(1, 255)}-${crypto.randomUUID()}`;

async function newUser(role: "teacher" | "learner", name: string | null = null) {
  const user = await t.db.user.create({
    data: { email: `${role}-${crypto.randomUUID()}@example.test`, role, name },
  });
  const learner = await t.db.learner.create({ data: { userId: user.id } });
  return { userId: user.id, learnerId: learner.id, email: user.email };
}

const newGuest = async () => (await t.db.learner.create({ data: {} })).id;

async function newClass(teacherId: string, name = "10 Б") {
  return createClass(t.db, {
    teacherId,
    name,
    description: null,
    timeZone: "Europe/Moscow",
    now: NOW,
  });
}

function join(
  code: string,
  who: { userId?: string | null; learnerId: string },
  options: { displayName?: string; address?: string; now?: Date } = {},
) {
  return joinClass(t.db, {
    code,
    userId: who.userId ?? null,
    learnerId: who.learnerId,
    displayName: options.displayName,
    address: options.address ?? newAddress(),
    now: options.now ?? NOW,
  });
}

function preview(
  code: string,
  who: { userId?: string | null; learnerId?: string | null } = {},
  options: { address?: string; now?: Date } = {},
) {
  return findClassByJoinCode(t.db, {
    code,
    address: options.address ?? newAddress(),
    now: options.now ?? NOW,
    joiner: { userId: who.userId ?? null, learnerId: who.learnerId ?? null },
  });
}

/** A well-formed code that no class has. */
async function unusedCode() {
  for (;;) {
    const code = generateJoinCode((size) => crypto.randomInt(size));
    if (!(await t.db.class.findUnique({ where: { joinCode: code } }))) return code;
  }
}

async function study(learnerId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const { card } = await getStudyCard(t.db, { learnerId, deckIds: [DECK], now: NOW });
    await submitAnswer(t.db, {
      learnerId,
      now: NOW,
      input: {
        clientAnswerId: crypto.randomUUID(),
        questionId: card!.question.id,
        cardVersion: card!.cardVersion,
        answer: { type: "reveal" },
        rating: 3,
        durationMs: 2000,
      },
    });
  }
}

const enrollmentsOf = (classId: string) => t.db.enrollment.count({ where: { classId } });

describe("creating classes", () => {
  it("lets only a teacher create one, with a code from the unambiguous alphabet", async () => {
    const learner = await newUser("learner");
    await expect(newClass(learner.userId)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.class.count({ where: { teacherId: learner.userId } })).toBe(0);

    const teacher = await newUser("teacher");
    const { classId, joinCode } = await createClass(t.db, {
      teacherId: teacher.userId,
      name: "DevOps",
      description: "Pods",
      timeZone: "Asia/Novosibirsk",
      now: NOW,
    });
    expect(joinCode).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{8}$`));
    expect(await getTeacherClass(t.db, { teacherId: teacher.userId, classId })).toMatchObject({
      name: "DevOps",
      description: "Pods",
      timeZone: "Asia/Novosibirsk",
      joinCode,
      joiningOpen: true,
      archivedAt: null,
      createdAt: NOW,
      studentCount: 0,
      roster: [],
    });
  });

  it("draws another code when the first one is taken", async () => {
    const teacher = await newUser("teacher");
    const taken = (await newClass(teacher.userId)).joinCode;
    const takenIndices = [...taken].map((c) => JOIN_CODE_ALPHABET.indexOf(c));
    const freshIndices = takenIndices.map((i) => (i + 1) % JOIN_CODE_ALPHABET.length);
    // The random source repeats the taken code once, then gives fresh indices.
    const indices = [...takenIndices, ...freshIndices];
    let at = 0;
    const second = await createClass(t.db, {
      teacherId: teacher.userId,
      name: "Second",
      description: null,
      timeZone: "UTC",
      now: NOW,
      randomIndex: () => indices[at++]!,
    });
    expect(at).toBe(16);
    expect(second.joinCode).toBe(freshIndices.map((i) => JOIN_CODE_ALPHABET[i]).join(""));
  });
});

describe("a teacher reaches only their own classes", () => {
  it("lists and reads only their own; another teacher's id is a 404 for every operation", async () => {
    const [owner, other] = [await newUser("teacher"), await newUser("teacher")];
    const { classId, joinCode } = await newClass(owner.userId, "Owner's");
    await newClass(other.userId, "Other's");
    const student = await newUser("learner");
    await join(joinCode, student);
    const enrollmentId = (await getTeacherClass(t.db, { teacherId: owner.userId, classId }))
      .roster[0]!.enrollmentId;

    expect(
      (await listTeacherClasses(t.db, { teacherId: owner.userId })).map((c) => c.name),
    ).toEqual(["Owner's"]);
    const asOther = { teacherId: other.userId, classId };
    const details = { name: "Taken", description: null, timeZone: "UTC" };
    // One at a time: started together, they would reject before anything awaits them (PostgreSQL
    // runs them at once) and count as unhandled.
    for (const attempt of [
      () => getTeacherClass(t.db, asOther),
      () => updateClassDetails(t.db, { ...asOther, ...details }),
      () => archiveClass(t.db, { ...asOther, now: NOW }),
      () => unarchiveClass(t.db, asOther),
      () => deleteClass(t.db, asOther),
      () => regenerateJoinCode(t.db, asOther),
      () => setJoiningOpen(t.db, { ...asOther, open: false }),
      () => removeStudent(t.db, { ...asOther, enrollmentId }),
      // The owner's enrolment id with another class of the other teacher's does not reach it either.
      () => removeStudent(t.db, { ...asOther, enrollmentId: "c-unknown" }),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await getTeacherClass(t.db, { teacherId: owner.userId, classId })).toMatchObject({
      name: "Owner's",
      joinCode,
      joiningOpen: true,
      archivedAt: null,
      studentCount: 1,
    });
  });

  it("a student reaches a class only while enrolled in it", async () => {
    const teacher = await newUser("teacher");
    const { classId } = await newClass(teacher.userId);
    const stranger = await newUser("learner");
    await expect(
      getStudentClass(t.db, { learnerId: stranger.learnerId, classId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      leaveClass(t.db, { learnerId: stranger.learnerId, classId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // The teacher's own learner is not a student of the class either.
    await expect(
      getStudentClass(t.db, { learnerId: teacher.learnerId, classId }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("renames, archives and unarchives, keeping the first archive date", async () => {
    const teacher = await newUser("teacher");
    const { classId } = await newClass(teacher.userId);
    const me = { teacherId: teacher.userId, classId };
    await updateClassDetails(t.db, {
      ...me,
      name: "11 Б",
      description: "Second year",
      timeZone: "Asia/Yekaterinburg",
    });
    await archiveClass(t.db, { ...me, now: minutes(1) });
    await archiveClass(t.db, { ...me, now: minutes(2) });
    expect(await getTeacherClass(t.db, me)).toMatchObject({
      name: "11 Б",
      description: "Second year",
      timeZone: "Asia/Yekaterinburg",
      archivedAt: minutes(1),
    });
    await unarchiveClass(t.db, me);
    expect((await getTeacherClass(t.db, me)).archivedAt).toBeNull();
  });
});

describe("joining", () => {
  it("shows the class and its teacher, then enrols; joining twice does nothing", async () => {
    const teacher = await newUser("teacher", "Мария Ивановна");
    const { classId, joinCode } = await newClass(teacher.userId, "10 Б");
    const student = await newUser("learner", "Петя");

    expect(await preview(joinCode, student)).toEqual({
      classId,
      name: "10 Б",
      description: null,
      teacherName: "Мария Ивановна",
      alreadyMember: false,
    });
    expect(await join(joinCode, student)).toEqual({ classId, alreadyMember: false });
    expect(await join(joinCode, student, { displayName: "Другое имя", now: minutes(5) })).toEqual({
      classId,
      alreadyMember: true,
    });
    expect((await preview(joinCode, student)).alreadyMember).toBe(true);

    const roster = (await getTeacherClass(t.db, { teacherId: teacher.userId, classId })).roster;
    expect(roster).toEqual([
      {
        enrollmentId: expect.any(String),
        learnerId: student.learnerId,
        name: "Петя",
        guest: false,
        joinedAt: NOW,
      },
    ]);
    expect(await listStudentClasses(t.db, { learnerId: student.learnerId })).toEqual([
      {
        id: classId,
        name: "10 Б",
        description: null,
        teacherName: "Мария Ивановна",
        timeZone: "Europe/Moscow",
        archivedAt: null,
        joinedAt: NOW,
        displayName: null,
      },
    ]);
  });

  it("a guest joins under the name they give, and must give one", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const guest = await newGuest();
    await expect(join(joinCode, { learnerId: guest })).rejects.toMatchObject({
      status: 400,
      code: "student_name_required",
    });
    expect(await enrollmentsOf(classId)).toBe(0);
    await join(joinCode, { learnerId: guest }, { displayName: "Аня" });
    expect(
      (await getTeacherClass(t.db, { teacherId: teacher.userId, classId })).roster,
    ).toMatchObject([{ learnerId: guest, name: "Аня", guest: true }]);
  });

  it("names the teacher by email when their account has no name", async () => {
    const teacher = await newUser("teacher");
    const { joinCode } = await newClass(teacher.userId);
    expect((await preview(joinCode)).teacherName).toBe(teacher.email);
  });

  it("a wrong code is a 404 and enrols nobody", async () => {
    const student = await newUser("learner");
    await expect(join(await unusedCode(), student)).rejects.toBeInstanceOf(NotFoundError);
    await expect(preview(await unusedCode())).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.enrollment.count({ where: { learnerId: student.learnerId } })).toBe(0);
  });

  it("a regenerated code replaces the old one; students already in stay", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode: old } = await newClass(teacher.userId);
    const first = await newUser("learner");
    await join(old, first);
    const { joinCode: fresh } = await regenerateJoinCode(t.db, {
      teacherId: teacher.userId,
      classId,
    });
    expect(fresh).not.toBe(old);
    expect((await t.db.class.findUniqueOrThrow({ where: { id: classId } })).joinCode).toBe(fresh);

    const second = await newUser("learner");
    await expect(join(old, second)).rejects.toBeInstanceOf(NotFoundError);
    await expect(preview(old, second)).rejects.toBeInstanceOf(NotFoundError);
    await join(fresh, second);
    expect(await enrollmentsOf(classId)).toBe(2);
  });

  it("closed joining and an archived class say so; members are told they are in", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const member = await newUser("learner");
    await join(joinCode, member);
    const me = { teacherId: teacher.userId, classId };
    const newcomer = await newUser("learner");

    await setJoiningOpen(t.db, { ...me, open: false });
    await expect(join(joinCode, newcomer)).rejects.toMatchObject({
      status: 409,
      code: "joining_closed",
    });
    await expect(preview(joinCode, newcomer)).rejects.toMatchObject({ code: "joining_closed" });
    expect((await preview(joinCode, member)).alreadyMember).toBe(true);

    await setJoiningOpen(t.db, { ...me, open: true });
    await archiveClass(t.db, { ...me, now: NOW });
    await expect(join(joinCode, newcomer)).rejects.toMatchObject({
      status: 409,
      code: "class_archived",
    });
    expect(await join(joinCode, member)).toEqual({ classId, alreadyMember: true });

    await unarchiveClass(t.db, me);
    expect(await join(joinCode, newcomer)).toEqual({ classId, alreadyMember: false });
  });

  it("a teacher cannot join their own class as a student, but may join another's", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    await expect(join(joinCode, teacher)).rejects.toMatchObject({
      status: 409,
      code: "own_class",
    });
    await expect(preview(joinCode, teacher)).rejects.toMatchObject({ code: "own_class" });
    expect(await enrollmentsOf(classId)).toBe(0);

    const colleague = await newUser("teacher");
    expect((await join(joinCode, colleague)).alreadyMember).toBe(false);
  });

  it("two joins at once make one enrolment", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const student = await newUser("learner");
    const results = await Promise.all([join(joinCode, student), join(joinCode, student)]);
    expect(results.map((r) => r.alreadyMember).sort()).toEqual([false, true]);
    expect(await enrollmentsOf(classId)).toBe(1);
  });
});

describe("leaving and removal", () => {
  it("a student leaves; a removed student loses the class and may rejoin while joining is open", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const me = { teacherId: teacher.userId, classId };
    const [leaver, removed] = [await newUser("learner"), await newUser("learner")];
    await join(joinCode, leaver);
    await join(joinCode, removed);

    await leaveClass(t.db, { learnerId: leaver.learnerId, classId });
    expect(await listStudentClasses(t.db, { learnerId: leaver.learnerId })).toEqual([]);

    const enrollmentId = (await getTeacherClass(t.db, me)).roster.find(
      (r) => r.learnerId === removed.learnerId,
    )!.enrollmentId;
    await removeStudent(t.db, { ...me, enrollmentId });
    await expect(
      getStudentClass(t.db, { learnerId: removed.learnerId, classId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTeacherClass(t.db, me)).roster).toEqual([]);
    // Removing again is a 404, not a silent success.
    await expect(removeStudent(t.db, { ...me, enrollmentId })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    await setJoiningOpen(t.db, { ...me, open: false });
    await expect(join(joinCode, removed)).rejects.toMatchObject({ code: "joining_closed" });
    await setJoiningOpen(t.db, { ...me, open: true });
    expect((await join(joinCode, removed)).alreadyMember).toBe(false);
  });

  it("deleting a class keeps every student's own progress", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const student = await newUser("learner");
    const guest = await newGuest();
    await join(joinCode, student);
    await join(joinCode, { learnerId: guest }, { displayName: "Guest" });
    await study(student.learnerId, 3);
    await study(guest, 2);
    await startPracticeAttempt(t.db, {
      address: "198.51.100.7",
      learnerId: student.learnerId,
      now: NOW,
      input: StartPracticeSchema.parse({ clientId: crypto.randomUUID(), deckId: DECK, count: 5 }),
    });
    const footprint = async () => ({
      learners: await t.db.learner.count({
        where: { id: { in: [student.learnerId, guest, teacher.learnerId] } },
      }),
      cards: await t.db.card.count({ where: { learnerId: { in: [student.learnerId, guest] } } }),
      logs: await t.db.reviewLog.count({
        where: { learnerId: { in: [student.learnerId, guest] } },
      }),
      attempts: await t.db.practiceAttempt.count({ where: { learnerId: student.learnerId } }),
      users: await t.db.user.count({ where: { id: { in: [student.userId, teacher.userId] } } }),
    });
    const before = await footprint();
    expect(before).toEqual({ learners: 3, cards: 5, logs: 5, attempts: 1, users: 2 });

    await deleteClass(t.db, { teacherId: teacher.userId, classId });
    expect(await footprint()).toEqual(before);
    expect(await t.db.class.count({ where: { id: classId } })).toBe(0);
    expect(await enrollmentsOf(classId)).toBe(0);
    await expect(join(joinCode, await newUser("learner"))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("deleting the teacher's account deletes their classes, not their students' progress", async () => {
    const teacher = await registerUser(t.db, {
      email: `t-${crypto.randomUUID()}@example.test`,
      password: "correct horse battery staple",
      guestLearnerId: null,
      role: "teacher",
    });
    const { classId, joinCode } = await newClass(teacher.userId);
    const student = await newUser("learner");
    await join(joinCode, student);
    await study(student.learnerId, 2);
    const user = await t.db.user.findUniqueOrThrow({ where: { id: teacher.userId } });
    await deleteAccount(t.db, { userId: teacher.userId, confirmEmail: user.email });
    expect(await t.db.class.count({ where: { id: classId } })).toBe(0);
    expect(await t.db.reviewLog.count({ where: { learnerId: student.learnerId } })).toBe(2);
  });
});

describe("a guest's enrolment moves into an account", () => {
  it("on sign-up, with the rest of the guest's progress", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const guest = await newGuest();
    await join(joinCode, { learnerId: guest }, { displayName: "Аня" });
    await study(guest, 2);

    const { userId, learnerId } = await registerUser(t.db, {
      email: `anya-${crypto.randomUUID()}@example.test`,
      password: "correct horse battery staple",
      name: "Anna Petrova",
      guestLearnerId: guest,
    });
    expect((await listStudentClasses(t.db, { learnerId })).map((c) => c.id)).toEqual([classId]);
    expect(
      (await getTeacherClass(t.db, { teacherId: teacher.userId, classId })).roster,
    ).toMatchObject([{ learnerId, name: "Аня", guest: false }]);
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(2);
    expect((await join(joinCode, { userId, learnerId })).alreadyMember).toBe(true);
  });

  it("on sign-in to an existing account; a class both were in keeps one enrolment", async () => {
    const teacher = await newUser("teacher");
    const shared = await newClass(teacher.userId, "Shared");
    const guestOnly = await newClass(teacher.userId, "Guest only");
    const account = await newUser("learner", "Boris");
    await join(shared.joinCode, account, { now: minutes(-60) });
    const guest = await newGuest();
    await join(shared.joinCode, { learnerId: guest }, { displayName: "Боря" });
    await join(guestOnly.joinCode, { learnerId: guest }, { displayName: "Боря" });

    await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId: account.userId });
    const mine = await listStudentClasses(t.db, { learnerId: account.learnerId });
    expect(mine.map((c) => [c.name, c.joinedAt, c.displayName])).toEqual([
      ["Guest only", NOW, "Боря"],
      ["Shared", minutes(-60), null],
    ]);
    expect(await t.db.enrollment.count({ where: { learnerId: guest } })).toBe(0);
    expect(await enrollmentsOf(shared.classId)).toBe(1);
  });

  it("on a teacher's sign-in, a guest enrolment in their own class is dropped", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const guest = await newGuest();
    await join(joinCode, { learnerId: guest }, { displayName: "Testing my link" });
    await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId: teacher.userId });
    expect(await enrollmentsOf(classId)).toBe(0);
  });

  it("and is part of the account's data export", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId, "Exported");
    const student = await newUser("learner");
    await join(joinCode, student, { displayName: "Ex" });
    const data = await exportMyData(t.db, { userId: student.userId });
    expect(data.classMemberships).toEqual([
      { classId, className: "Exported", displayName: "Ex", joinedAt: NOW },
    ]);
    const teachers = await exportMyData(t.db, { userId: teacher.userId });
    expect(teachers.classesTaught).toMatchObject([{ id: classId, name: "Exported", joinCode }]);
  });
});

describe("the join-code limit per address", () => {
  const { max, windowMs } = RATE_LIMITS.joinCodeAttemptsPerAddress;

  it("counts wrong codes only; past the limit even a right code is refused until the window passes", async () => {
    const teacher = await newUser("teacher");
    const { classId, joinCode } = await newClass(teacher.userId);
    const address = newAddress();

    // A class of 30 behind one school address: right codes never use the limit up.
    for (let i = 0; i < 30; i++) {
      const student = await newGuest();
      await join(joinCode, { learnerId: student }, { displayName: `S${i}`, address });
    }
    expect(await enrollmentsOf(classId)).toBe(30);

    for (let i = 0; i < max; i++) {
      await expect(preview(await unusedCode(), {}, { address })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }
    const refused = preview(joinCode, {}, { address, now: minutes(1) });
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: windowMs / 1000 - 60 });
    const late = await newGuest();
    await expect(
      join(joinCode, { learnerId: late }, { displayName: "Late", address, now: minutes(1) }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    // Another address is not affected.
    expect((await preview(joinCode)).classId).toBe(classId);

    const after = new Date(NOW.getTime() + windowMs + 1);
    expect((await preview(joinCode, {}, { address, now: after })).classId).toBe(classId);
  });

  it("holds under a burst: of 60 concurrent guesses at most the limit get an answer", async () => {
    const address = newAddress();
    const codes = await Promise.all(Array.from({ length: 60 }, () => unusedCode()));
    const outcomes = await Promise.allSettled(codes.map((code) => preview(code, {}, { address })));
    const reasons = outcomes.map((o) => (o.status === "rejected" ? o.reason : o.value));
    const answered = reasons.filter((r) => r instanceof NotFoundError).length;
    const limited = reasons.filter((r) => r instanceof RateLimitedError).length;
    expect(answered + limited).toBe(60);
    expect(answered).toBeLessThanOrEqual(max);
    expect(limited).toBeGreaterThanOrEqual(60 - max);
  });
});
