import { rosterName } from "@/lib/core/classes/joining";
import type { Db } from "../db";
import { NotFoundError } from "../errors";

/*
 * Reads of classes, scoped like the writes: a teacher reads only the classes they teach, a
 * student only the classes their learner is enrolled in. Anything else is a NotFoundError.
 */

export interface TeacherClassSummary {
  id: string;
  name: string;
  description: string | null;
  joinCode: string;
  joiningOpen: boolean;
  archivedAt: Date | null;
  createdAt: Date;
  studentCount: number;
}

export interface RosterEntry {
  enrollmentId: string;
  learnerId: string;
  name: string;
  /** No account: joined as a guest under the name they gave. */
  guest: boolean;
  joinedAt: Date;
}

export interface TeacherClass extends TeacherClassSummary {
  timeZone: string;
  roster: RosterEntry[];
}

export interface StudentClass {
  id: string;
  name: string;
  description: string | null;
  teacherName: string;
  timeZone: string;
  archivedAt: Date | null;
  joinedAt: Date;
  /** The name this student joined under (null: the account's name is shown). */
  displayName: string | null;
}

const summarySelect = {
  id: true,
  name: true,
  description: true,
  joinCode: true,
  joiningOpen: true,
  archivedAt: true,
  createdAt: true,
  _count: { select: { enrollments: true } },
} as const;

/** The teacher's classes, newest first; archived ones too (the page shows them apart). */
export async function listTeacherClasses(
  db: Db,
  options: { teacherId: string },
): Promise<TeacherClassSummary[]> {
  const rows = await db.class.findMany({
    where: { teacherId: options.teacherId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: summarySelect,
  });
  return rows.map(({ _count, ...row }) => ({ ...row, studentCount: _count.enrollments }));
}

/** One of the teacher's classes with its roster (by name); another teacher's is a 404. */
export async function getTeacherClass(
  db: Db,
  options: { teacherId: string; classId: string },
): Promise<TeacherClass> {
  const row = await db.class.findFirst({
    where: { id: options.classId, teacherId: options.teacherId },
    select: {
      ...summarySelect,
      timeZone: true,
      enrollments: {
        orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          learnerId: true,
          displayName: true,
          joinedAt: true,
          learner: { select: { user: { select: { name: true, email: true } } } },
        },
      },
    },
  });
  if (!row) throw new NotFoundError("no such class");
  const { _count, enrollments, ...summary } = row;
  const roster = enrollments
    .map((e) => ({
      enrollmentId: e.id,
      learnerId: e.learnerId,
      name: rosterName({
        displayName: e.displayName,
        accountName: e.learner.user?.name ?? null,
        email: e.learner.user?.email ?? null,
      }),
      guest: e.learner.user === null,
      joinedAt: e.joinedAt,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.joinedAt.getTime() - b.joinedAt.getTime());
  return { ...summary, studentCount: _count.enrollments, roster };
}

const studentClassSelect = {
  joinedAt: true,
  displayName: true,
  class: {
    select: {
      id: true,
      name: true,
      description: true,
      timeZone: true,
      archivedAt: true,
      teacher: { select: { name: true, email: true } },
    },
  },
} as const;

type StudentClassRow = {
  joinedAt: Date;
  displayName: string | null;
  class: {
    id: string;
    name: string;
    description: string | null;
    timeZone: string;
    archivedAt: Date | null;
    teacher: { name: string | null; email: string };
  };
};

function toStudentClass(row: StudentClassRow): StudentClass {
  return {
    id: row.class.id,
    name: row.class.name,
    description: row.class.description,
    teacherName: teacherName(row.class.teacher),
    timeZone: row.class.timeZone,
    archivedAt: row.class.archivedAt,
    joinedAt: row.joinedAt,
    displayName: row.displayName,
  };
}

/** How students see their teacher: the account's name, else its email. */
export function teacherName(teacher: { name: string | null; email: string }): string {
  return teacher.name || teacher.email;
}

/** The classes a learner is in, the latest joined first. */
export async function listStudentClasses(
  db: Db,
  options: { learnerId: string },
): Promise<StudentClass[]> {
  const rows = await db.enrollment.findMany({
    where: { learnerId: options.learnerId },
    orderBy: [{ joinedAt: "desc" }, { id: "asc" }],
    select: studentClassSelect,
  });
  return rows.map(toStudentClass);
}

/** A class the learner is in; a class they are not in (left, removed, never joined) is a 404. */
export async function getStudentClass(
  db: Db,
  options: { learnerId: string; classId: string },
): Promise<StudentClass> {
  const row = await db.enrollment.findUnique({
    where: { classId_learnerId: { classId: options.classId, learnerId: options.learnerId } },
    select: studentClassSelect,
  });
  if (!row) throw new NotFoundError("no such class");
  return toStudentClass(row);
}
