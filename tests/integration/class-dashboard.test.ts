import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssignmentTask } from "@/lib/core/classes";
import type { Question } from "@/lib/core/deck/types";
import { Rating } from "@/lib/core/study";
import { getClassDashboard, getClassGradebook } from "@/lib/server/classes/class-dashboard";
import { createClass } from "@/lib/server/classes/classes";
import { joinClass } from "@/lib/server/classes/enrollments";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { NotFoundError } from "@/lib/server/errors";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

/*
 * The teacher's dashboard and gradebook read from a real (SQLite) database: the numbers are
 * worked out by hand from the answers below.
 */

const DECK = "containers-vs-pods.en";
const OPEN = new Date("2026-03-02T06:00:00Z");
const at = (minutes: number) => new Date(OPEN.getTime() + minutes * 60_000);
const DUE = at(2 * 24 * 60);
/** Past the due date: whoever is not done is overdue. */
const AFTER_DUE = at(3 * 24 * 60);
const CLASS_NAME = "10 Б класс";

let t: TestDatabase;
let questions: Question[];
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: OPEN });
  questions = (await getDeck(t.db, {}, DECK))!.questions;
});
afterAll(() => t.cleanup());

async function newUser(role: "teacher" | "learner", name: string) {
  const user = await t.db.user.create({
    data: { email: `${role}-${crypto.randomUUID()}@example.test`, role, name },
  });
  const learner = await t.db.learner.create({ data: { userId: user.id } });
  return { userId: user.id, learnerId: learner.id };
}

async function insertAssignment(
  classId: string,
  fields: { title: string; aspects?: string[]; task: AssignmentTask },
) {
  const task = fields.task;
  const row = await t.db.assignment.create({
    data: {
      classId,
      title: fields.title,
      deckId: DECK,
      aspects: JSON.stringify(fields.aspects ?? []),
      kinds: "[]",
      kind: task.kind,
      questionCount: task.questionCount,
      passMark: task.kind === "practice" ? task.passMark : null,
      openAt: OPEN,
      dueAt: DUE,
      createdAt: OPEN,
    },
  });
  return row.id;
}

let answerCount = 0;
async function rate(learnerId: string, questionId: string, rating: 1 | 2 | 3 | 4) {
  const when = at(10 + answerCount++);
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
  return when;
}

/** Parses our own CSV (quoted text, bare numbers, CRLF). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
        .map((m) => m[1]!)
        .slice(0, -1)
        .map((cell) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell)),
    );
}

describe("the teacher's dashboard", () => {
  let teacher: Awaited<ReturnType<typeof newUser>>;
  let otherTeacher: Awaited<ReturnType<typeof newUser>>;
  let classId: string;
  let anna: Awaited<ReturnType<typeof newUser>>;
  let guest: string;
  let outsider: string;
  let networking: Question[];
  let isolation: Question[];
  let lastAnnaAnswer: Date;

  beforeAll(async () => {
    teacher = await newUser("teacher", "Teacher");
    otherTeacher = await newUser("teacher", "Other");
    const created = await createClass(t.db, {
      teacherId: teacher.userId,
      name: CLASS_NAME,
      description: null,
      timeZone: "Europe/Moscow",
      now: OPEN,
    });
    classId = created.classId;
    anna = await newUser("learner", "Анна");
    guest = (await t.db.learner.create({ data: {} })).id;
    outsider = (await t.db.learner.create({ data: {} })).id;
    await joinClass(t.db, {
      code: created.joinCode,
      address: "203.0.113.1",
      now: OPEN,
      userId: anna.userId,
      learnerId: anna.learnerId,
    });
    await joinClass(t.db, {
      code: created.joinCode,
      address: "203.0.113.2",
      now: OPEN,
      userId: null,
      learnerId: guest,
      displayName: "Борис",
    });

    networking = questions.filter((q) => q.tags.aspect === "networking");
    isolation = questions.filter((q) => q.tags.aspect === "isolation");
    expect(networking.length).toBeGreaterThanOrEqual(2);
    expect(isolation.length).toBeGreaterThanOrEqual(1);
    await insertAssignment(classId, {
      title: "Two networking questions",
      aspects: ["networking"],
      task: { kind: "study", questionCount: 2 },
    });
    await insertAssignment(classId, {
      title: "Networking, all",
      aspects: ["networking"],
      task: { kind: "study", questionCount: null },
    });

    const [n0, n1] = networking.map((q) => q.id);
    // Anna: n0 Again, Again, Good; n1 Good → the 2-question goal is met.
    await rate(anna.learnerId, n0!, Rating.Again);
    await rate(anna.learnerId, n0!, Rating.Again);
    await rate(anna.learnerId, n0!, Rating.Good);
    await rate(anna.learnerId, n1!, Rating.Good);
    // And isolation: Hard counts as recalled, Again does not.
    await rate(anna.learnerId, isolation[0]!.id, Rating.Hard);
    lastAnnaAnswer = await rate(anna.learnerId, isolation[0]!.id, Rating.Again);
    // Boris: n0 Again twice, nothing recalled → 0 of 2.
    await rate(guest, n0!, Rating.Again);
    await rate(guest, n0!, Rating.Again);
    // Not in the class: counted nowhere.
    for (let i = 0; i < 5; i++) await rate(outsider, n1!, Rating.Again);
  });

  const load = (now = AFTER_DUE) =>
    getClassDashboard(t.db, { teacherId: teacher.userId, classId, now, locale: "ru" });

  it("is the class's teacher's only", async () => {
    await expect(
      getClassDashboard(t.db, {
        teacherId: otherTeacher.userId,
        classId,
        now: AFTER_DUE,
        locale: "ru",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getClassGradebook(t.db, {
        teacherId: otherTeacher.userId,
        classId,
        now: AFTER_DUE,
        locale: "ru",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists the roster with last activity and assignments done", async () => {
    const dashboard = await load();
    expect(
      dashboard.roster.map((s) => [s.name, s.done, s.assigned, s.overdue, s.lastActiveAt, s.guest]),
    ).toEqual([
      ["Анна", 1, 2, 1, lastAnnaAnswer, false],
      ["Борис", 0, 2, 2, expect.any(Date), true],
    ]);
  });

  it("says who is behind and why", async () => {
    const dashboard = await load();
    expect(
      dashboard.behind.map((s) => [s.name, s.items.map((i) => [i.reason, i.progress])]),
    ).toEqual([
      // Boris: two overdue at 0; Anna: one overdue, 1 of every networking question.
      [
        "Борис",
        [
          ["overdue", 0],
          ["overdue", 0],
        ],
      ],
      ["Анна", [["overdue", 2 / networking.length]]],
    ]);
    // Mid-window (past half): the same students are under half, not overdue.
    const midway = await load(at(36 * 60));
    expect(midway.behind.flatMap((s) => s.items.map((i) => i.reason))).not.toContain("overdue");
  });

  it("fills the mastery grid with the share recalled per aspect, the class row too", async () => {
    const dashboard = await load();
    expect(dashboard.mastery).toHaveLength(1);
    const { grid, aspectTitles } = dashboard.mastery[0]!;
    const column = grid.aspects.indexOf("networking");
    const isolationColumn = grid.aspects.indexOf("isolation");
    expect(aspectTitles.networking).toBeTruthy();
    const cell = (learnerId: string, index: number) =>
      grid.rows.find((r) => r.learnerId === learnerId)!.cells[index]!;
    expect(cell(anna.learnerId, column)).toMatchObject({ recalled: 2, total: 4, band: "fair" });
    expect(cell(guest, column)).toMatchObject({ recalled: 0, total: 2, band: "weak" });
    expect(cell(anna.learnerId, isolationColumn)).toMatchObject({ recalled: 1, total: 2 });
    expect(cell(guest, isolationColumn)).toMatchObject({ total: 0, band: "none", share: null });
    // The outsider's five answers are not the class's.
    expect(grid.classCells[column]).toMatchObject({ recalled: 2, total: 6 });
    expect(grid.rows.map((r) => r.learnerId)).not.toContain(outsider);
  });

  it("ranks the question the class misses, with its prompt and source quote", async () => {
    const dashboard = await load();
    const n0 = networking[0]!;
    // n0: 5 answers from 2 students, 4 of them Again; n1 (outsider's misses) is not listed.
    expect(dashboard.missed).toEqual([
      expect.objectContaining({
        questionId: n0.id,
        deckId: DECK,
        answers: 5,
        misses: 4,
        learners: 2,
        missRate: 0.8,
        prompt: n0.prompt,
        quote: n0.source.quote,
      }),
    ]);
  });

  it("writes the gradebook: BOM, a row per student, two columns per assignment", async () => {
    const { className, csv } = await getClassGradebook(t.db, {
      teacherId: teacher.userId,
      classId,
      now: AFTER_DUE,
      locale: "ru",
    });
    expect(className).toBe(CLASS_NAME);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      "Ученик",
      "В классе с",
      "Последняя активность",
      "Выполнено заданий",
      "Выдано заданий",
      "Two networking questions (%)",
      "Two networking questions (статус)",
      "Networking, all (%)",
      "Networking, all (статус)",
    ]);
    const allPercent = String(Math.round((2 / networking.length) * 100));
    expect(rows.slice(1).map((r) => [r[0], ...r.slice(3)])).toEqual([
      ["Анна", "1", "2", "100", "выполнено", allPercent, "просрочено"],
      ["Борис", "0", "2", "0", "просрочено", "0", "просрочено"],
    ]);
    // Anna's last answer, in the class's zone (Moscow, UTC+3).
    const moscow = new Date(lastAnnaAnswer.getTime() + 3 * 3_600_000).toISOString();
    expect(rows[1]![2]).toBe(`${moscow.slice(0, 10)} ${moscow.slice(11, 16)}`);
  });
});
