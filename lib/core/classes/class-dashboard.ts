import type { Locale } from "@/lib/i18n/locales";
import type { Assignment } from "./assignment";
import type { AssignmentProgress } from "./derive-progress";

/** A member of the class as the roster shows them. */
export interface ClassStudent {
  learnerId: string;
  name: string;
  joinedAt: Date;
  /** Latest answer, test answer or interview answer anywhere in PodDeck; null: never active. */
  lastActiveAt: Date | null;
}

export interface RosterRow extends ClassStudent {
  /** Assignments that have opened: the ones a student can have done. */
  assigned: number;
  done: number;
  /** Of `done`, finished after the due date. */
  late: number;
  overdue: number;
}

/** Names in the class language's alphabetical order (ё with е, case ignored), then by id. */
export function compareStudents(locale: Locale) {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  return (
    a: Pick<ClassStudent, "name" | "learnerId">,
    b: Pick<ClassStudent, "name" | "learnerId">,
  ) =>
    collator.compare(a.name, b.name) ||
    (a.learnerId < b.learnerId ? -1 : a.learnerId > b.learnerId ? 1 : 0);
}

/** Looks up a learner's progress on an assignment (nested maps: no string keys to build). */
export function indexProgress(progress: readonly AssignmentProgress[]) {
  const byLearner = new Map<string, Map<string, AssignmentProgress>>();
  for (const row of progress) {
    let byAssignment = byLearner.get(row.learnerId);
    if (!byAssignment) {
      byAssignment = new Map();
      byLearner.set(row.learnerId, byAssignment);
    }
    byAssignment.set(row.assignmentId, row);
  }
  return (learnerId: string, assignmentId: string) => byLearner.get(learnerId)?.get(assignmentId);
}

/** One row per student: assignments done out of those opened, late and overdue ones. */
export function summarizeRoster(input: {
  students: readonly ClassStudent[];
  assignments: readonly Assignment[];
  progress: readonly AssignmentProgress[];
  now: Date;
  locale: Locale;
}): RosterRow[] {
  const find = indexProgress(input.progress);
  const opened = input.assignments.filter(
    (assignment) => assignment.openAt.getTime() <= input.now.getTime(),
  );
  return input.students
    .map((student) => {
      const rows = opened.flatMap((assignment) => find(student.learnerId, assignment.id) ?? []);
      return {
        ...student,
        assigned: opened.length,
        done: rows.filter((row) => row.done).length,
        late: rows.filter((row) => row.late).length,
        overdue: rows.filter((row) => row.overdue).length,
      };
    })
    .sort(compareStudents(input.locale));
}

export type BehindReason = "overdue" | "under-half";

/**
 * "Who is behind" on one assignment:
 *   - overdue: not done and the due date has passed;
 *   - under-half: not done, the assignment is open and at least half of its window (opening
 *     to due date) has gone by, and progress is below one half.
 * Before half the window nobody is behind for being under half: everyone starts at zero.
 * An assignment not yet open puts nobody behind.
 */
export function findBehindReason(
  progress: Pick<AssignmentProgress, "done" | "overdue" | "progress">,
  assignment: Pick<Assignment, "openAt" | "dueAt">,
  now: Date,
): BehindReason | null {
  if (progress.done) return null;
  if (progress.overdue) return "overdue";
  const openAt = assignment.openAt.getTime();
  const dueAt = assignment.dueAt.getTime();
  const time = now.getTime();
  // Doubled rather than halved: no rounding of the window's midpoint.
  const pastHalf = time >= openAt && time <= dueAt && 2 * time >= openAt + dueAt;
  return pastHalf && progress.progress < 0.5 ? "under-half" : null;
}

export interface BehindItem {
  assignmentId: string;
  reason: BehindReason;
  progress: number;
  dueAt: Date;
}

export interface BehindStudent {
  learnerId: string;
  name: string;
  /** Soonest due first (the most overdue first). */
  items: BehindItem[];
}

/**
 * The dashboard lists the most behind by name; past these the list would repeat the roster (a
 * class of 200 with overdue homework listed everyone, a sixth of the page), so the rest are
 * only counted.
 */
export const BEHIND_SHOWN = 10;

export function splitBehind<T>(behind: readonly T[]): { shown: T[]; more: number } {
  return { shown: behind.slice(0, BEHIND_SHOWN), more: Math.max(0, behind.length - BEHIND_SHOWN) };
}

/**
 * The mastery grid shows this many students at a time, in roster order, with links to the
 * other pages; its class row always covers everyone. A class of 200 as one grid was 1,600 cells,
 * half the page's weight, more than a teacher reads at once.
 */
export const MASTERY_PAGE_SIZE = 50;

export interface StudentPage<T> {
  rows: T[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when there are none). */
  first: number;
  last: number;
}

/** Page `requested` (1-based; anything else is the first page) of `rows`, `size` at a time. */
export function pageStudents<T>(
  rows: readonly T[],
  requested: number | undefined,
  size: number = MASTERY_PAGE_SIZE,
): StudentPage<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page =
    requested !== undefined && Number.isInteger(requested) && requested >= 1
      ? Math.min(requested, pages)
      : 1;
  const shown = rows.slice((page - 1) * size, page * size);
  const first = shown.length === 0 ? 0 : (page - 1) * size + 1;
  return { rows: shown, page, pages, first, last: first === 0 ? 0 : first + shown.length - 1 };
}

/**
 * The students behind on at least one assignment: most overdue assignments first, then most
 * under half done, then by name.
 */
export function listStudentsBehind(input: {
  students: readonly ClassStudent[];
  assignments: readonly Assignment[];
  progress: readonly AssignmentProgress[];
  now: Date;
  locale: Locale;
}): BehindStudent[] {
  const find = indexProgress(input.progress);
  const byName = compareStudents(input.locale);
  const count = (student: BehindStudent, reason: BehindReason) =>
    student.items.filter((item) => item.reason === reason).length;
  return input.students
    .map((student) => ({
      learnerId: student.learnerId,
      name: student.name,
      items: input.assignments
        .flatMap((assignment): BehindItem[] => {
          const row = find(student.learnerId, assignment.id);
          const reason = row ? findBehindReason(row, assignment, input.now) : null;
          return row && reason
            ? [
                {
                  assignmentId: assignment.id,
                  reason,
                  progress: row.progress,
                  dueAt: assignment.dueAt,
                },
              ]
            : [];
        })
        .sort(
          (a, b) =>
            a.dueAt.getTime() - b.dueAt.getTime() ||
            (a.assignmentId < b.assignmentId ? -1 : a.assignmentId > b.assignmentId ? 1 : 0),
        ),
    }))
    .filter((student) => student.items.length > 0)
    .sort(
      (a, b) =>
        count(b, "overdue") - count(a, "overdue") ||
        count(b, "under-half") - count(a, "under-half") ||
        byName(a, b),
    );
}
