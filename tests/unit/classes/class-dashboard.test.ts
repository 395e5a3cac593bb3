import { describe, expect, it } from "vitest";
import {
  findBehindReason,
  listStudentsBehind,
  splitBehind,
  BEHIND_SHOWN,
  MASTERY_PAGE_SIZE,
  pageStudents,
  summarizeRoster,
  type AssignmentProgress,
  type ClassStudent,
} from "@/lib/core/classes";
import { at, makeAssignment } from "./class-fixtures";

// A window of exactly 10 days: its midpoint is 6 March 00:00Z.
const window = { openAt: at("2025-03-01T00:00:00Z"), dueAt: at("2025-03-11T00:00:00Z") };
const MIDPOINT = at("2025-03-06T00:00:00Z");

function row(
  learnerId: string,
  assignmentId: string,
  state: Partial<AssignmentProgress> = {},
): AssignmentProgress {
  return {
    assignmentId,
    learnerId,
    kind: "study",
    phase: "open",
    progress: 0,
    done: false,
    completedAt: null,
    late: false,
    overdue: false,
    counts: { done: 0, total: 10, unit: "question" },
    best: null,
    bestOnTime: null,
    passed: null,
    counted: 0,
    ...state,
  };
}

describe("who is behind", () => {
  it("overdue: not done after the due date", () => {
    expect(
      findBehindReason(
        row("a", "x", { overdue: true, progress: 0.9 }),
        window,
        at("2025-03-12T00:00:00Z"),
      ),
    ).toBe("overdue");
  });

  it("under half done once half the window has gone by, not before", () => {
    const under = row("a", "x", { progress: 0.49 });
    expect(findBehindReason(under, window, at("2025-03-05T23:59:59.999Z"))).toBeNull();
    expect(findBehindReason(under, window, MIDPOINT)).toBe("under-half");
    expect(findBehindReason(under, window, window.dueAt)).toBe("under-half");
    expect(findBehindReason(row("a", "x", { progress: 0.5 }), window, MIDPOINT)).toBeNull();
  });

  it("never for work done, or for an assignment not yet open", () => {
    expect(
      findBehindReason(
        row("a", "x", { done: true, late: true, progress: 1 }),
        window,
        at("2025-03-20T00:00:00Z"),
      ),
    ).toBeNull();
    const upcoming = { openAt: at("2025-04-01T00:00:00Z"), dueAt: at("2025-04-02T00:00:00Z") };
    expect(findBehindReason(row("a", "x"), upcoming, at("2025-03-20T00:00:00Z"))).toBeNull();
  });

  it("lists students with most overdue first, then most under half, then by name", () => {
    const assignments = [
      makeAssignment({
        id: "old",
        openAt: at("2025-02-20T00:00:00Z"),
        dueAt: at("2025-03-01T00:00:00Z"),
      }),
      makeAssignment({ id: "now", ...window }),
      makeAssignment({
        id: "later",
        openAt: at("2025-03-05T00:00:00Z"),
        dueAt: at("2025-03-30T00:00:00Z"),
      }),
    ];
    const now = at("2025-03-07T00:00:00Z");
    const students: ClassStudent[] = ["Вера", "Борис", "Анна", "Дина"].map((name, index) => ({
      learnerId: `s${index}`,
      name,
      joinedAt: at("2025-02-01T00:00:00Z"),
      lastActiveAt: null,
    }));
    const progress = [
      // Вера: overdue on "old", under half on "now".
      row("s0", "old", { overdue: true, progress: 0.2 }),
      row("s0", "now", { progress: 0.1 }),
      row("s0", "later"),
      // Борис: under half on "now" only ("later" is not past its half yet).
      row("s1", "old", { done: true, progress: 1 }),
      row("s1", "now", { progress: 0.3 }),
      row("s1", "later"),
      // Анна: overdue on "old" only.
      row("s2", "old", { overdue: true }),
      row("s2", "now", { progress: 0.8 }),
      row("s2", "later"),
      // Дина: nothing behind.
      row("s3", "old", { done: true, late: true, progress: 1 }),
      row("s3", "now", { progress: 0.5 }),
      row("s3", "later"),
    ];
    const behind = listStudentsBehind({ students, assignments, progress, now, locale: "ru" });
    expect(
      behind.map((student) => [
        student.name,
        student.items.map((item) => `${item.assignmentId}:${item.reason}`),
      ]),
    ).toEqual([
      ["Вера", ["old:overdue", "now:under-half"]],
      ["Анна", ["old:overdue"]],
      ["Борис", ["now:under-half"]],
    ]);
  });
});

describe("roster", () => {
  it("counts done, late and overdue among the assignments that have opened, sorted by name", () => {
    const assignments = [
      makeAssignment({
        id: "a1",
        openAt: at("2025-02-01T00:00:00Z"),
        dueAt: at("2025-02-10T00:00:00Z"),
      }),
      makeAssignment({
        id: "a2",
        openAt: at("2025-02-15T00:00:00Z"),
        dueAt: at("2025-03-10T00:00:00Z"),
      }),
      makeAssignment({
        id: "a3",
        openAt: at("2025-04-01T00:00:00Z"),
        dueAt: at("2025-04-10T00:00:00Z"),
      }),
    ];
    const students: ClassStudent[] = [
      {
        learnerId: "z",
        name: "ёлкин",
        joinedAt: at("2025-01-10T00:00:00Z"),
        lastActiveAt: at("2025-03-01T00:00:00Z"),
      },
      { learnerId: "y", name: "Ева", joinedAt: at("2025-01-11T00:00:00Z"), lastActiveAt: null },
      { learnerId: "x", name: "Adam", joinedAt: at("2025-01-12T00:00:00Z"), lastActiveAt: null },
    ];
    const progress = [
      row("z", "a1", { done: true, late: true, progress: 1 }),
      row("z", "a2", { done: true, progress: 1 }),
      // Cannot really be done before the opening; if a row says so, it still is not assigned.
      row("z", "a3", { done: true, progress: 1, phase: "upcoming" }),
      row("y", "a1", { overdue: true }),
      row("y", "a2", { progress: 0.5 }),
      row("y", "a3", { phase: "upcoming" }),
    ];
    const roster = summarizeRoster({
      students,
      assignments,
      progress,
      now: at("2025-03-05T00:00:00Z"),
      locale: "ru",
    });
    expect(roster.map((r) => [r.name, r.assigned, r.done, r.late, r.overdue])).toEqual([
      // Russian order: Cyrillic first, ё sorted with е.
      ["Ева", 2, 0, 0, 1],
      ["ёлкин", 2, 2, 1, 0],
      ["Adam", 2, 0, 0, 0],
    ]);
    expect(roster[1]?.lastActiveAt).toEqual(at("2025-03-01T00:00:00Z"));
  });
});

describe("splitBehind", () => {
  it("names the first BEHIND_SHOWN students and counts the rest", () => {
    const names = Array.from({ length: BEHIND_SHOWN + 3 }, (_, i) => `s${i}`);
    expect(splitBehind(names)).toEqual({ shown: names.slice(0, BEHIND_SHOWN), more: 3 });
    expect(splitBehind(names.slice(0, 2))).toEqual({ shown: ["s0", "s1"], more: 0 });
  });
});

describe("pageStudents", () => {
  const students = Array.from({ length: 2 * MASTERY_PAGE_SIZE + 3 }, (_, i) => `s${i}`);

  it("shows a page of students at a time and says which", () => {
    expect(pageStudents(students, undefined)).toEqual({
      rows: students.slice(0, MASTERY_PAGE_SIZE),
      page: 1,
      pages: 3,
      first: 1,
      last: MASTERY_PAGE_SIZE,
    });
    expect(pageStudents(students, 3)).toEqual({
      rows: students.slice(2 * MASTERY_PAGE_SIZE),
      page: 3,
      pages: 3,
      first: 2 * MASTERY_PAGE_SIZE + 1,
      last: 2 * MASTERY_PAGE_SIZE + 3,
    });
  });

  it("clamps a page past the end to the last and anything else to the first", () => {
    expect(pageStudents(students, 9).page).toBe(3);
    for (const requested of [0, -1, 1.5, Number.NaN]) {
      expect(pageStudents(students, requested).page).toBe(1);
    }
    expect(pageStudents([], 2)).toEqual({ rows: [], page: 1, pages: 1, first: 0, last: 0 });
  });
});
