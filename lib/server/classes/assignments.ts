import {
  checkAssignmentAgainstDeck,
  checkAssignmentEdit,
  type Assignment,
  type AssignmentDraft,
  type AssignmentProgress,
  type DeckFacts,
} from "@/lib/core/classes";
import {
  assignmentIssueErrors,
  parseAssignmentForm,
  type AssignmentFormErrors,
  type AssignmentFormFields,
} from "@/lib/core/classes/assignment-form";
import {
  findResumeTarget,
  sortStudentAssignments,
  type ResumeTarget,
} from "@/lib/core/classes/student-assignments";
import type { Db } from "../db";
import { classDecksWhere, findDeletedDeckIds } from "../decks/deck-access";
import { DomainError, NotFoundError } from "../errors";
import {
  assignmentSelect,
  getStudentClassProgress,
  loadDeckFacts,
  toAssignment,
} from "./class-activity";

/*
 * A teacher's assignments, and a student's list of them. Writes are scoped to the class's
 * teacher: another teacher's class or assignment id is a NotFoundError, like an unknown one.
 * Dates in a form are local to the class's time zone, read from the class, never the request.
 */

/** The form has mistakes: message keys per field, shown under each field. */
export class AssignmentInvalidError extends DomainError {
  constructor(readonly fieldErrors: AssignmentFormErrors) {
    super("check the assignment's fields", 400, "assignment_invalid");
  }
}

function assignmentNotFound(): never {
  throw new NotFoundError("no such assignment");
}

async function findOwnClass(db: Db, options: { teacherId: string; classId: string }) {
  const found = await db.class.findFirst({
    where: { id: options.classId, teacherId: options.teacherId },
    select: { id: true, name: true, timeZone: true },
  });
  if (!found) throw new NotFoundError("no such class");
  return found;
}

/**
 * The form as a draft that fits its deck (and, for an edit, keeps the work done on `before`),
 * or an AssignmentInvalidError naming every field at fault.
 */
async function readDraft(
  db: Db,
  options: {
    teacherId: string;
    classId: string;
    fields: AssignmentFormFields;
    timeZone: string;
    before?: Assignment;
    now: Date;
  },
): Promise<AssignmentDraft> {
  const parsed = parseAssignmentForm(options.fields, options.timeZone);
  if (!parsed.ok) throw new AssignmentInvalidError(parsed.errors);
  // Only a deck every student of the class sees: public, or the teacher's own shared with it.
  const assignable = await db.deck.findFirst({
    where: { AND: [{ id: parsed.draft.scope.deckId }, classDecksWhere(options)] },
    select: { id: true },
  });
  if (!assignable) throw new AssignmentInvalidError({ deckId: "assignment_deck_unknown" });
  const [deck] = await loadDeckFacts(db, [parsed.draft.scope.deckId]);
  if (!deck) throw new AssignmentInvalidError({ deckId: "assignment_deck_unknown" });
  const issues = [
    ...(options.before ? checkAssignmentEdit(options.before, parsed.draft, options.now) : []),
    ...checkAssignmentAgainstDeck(parsed.draft, deck),
  ];
  if (issues.length > 0) throw new AssignmentInvalidError(assignmentIssueErrors(issues));
  return parsed.draft;
}

function draftColumns(draft: AssignmentDraft) {
  const { task } = draft;
  return {
    title: draft.title,
    deckId: draft.scope.deckId,
    aspects: JSON.stringify(draft.scope.aspects),
    kinds: JSON.stringify(draft.scope.kinds),
    kind: task.kind,
    questionCount: task.questionCount,
    passMark: task.kind === "practice" ? task.passMark : null,
    openAt: draft.openAt,
    dueAt: draft.dueAt,
  };
}

export async function createAssignment(
  db: Db,
  options: { teacherId: string; classId: string; fields: AssignmentFormFields; now: Date },
): Promise<{ assignmentId: string }> {
  const found = await findOwnClass(db, options);
  const draft = await readDraft(db, { ...options, timeZone: found.timeZone });
  const created = await db.assignment.create({
    data: { classId: found.id, ...draftColumns(draft), createdAt: options.now },
    select: { id: true },
  });
  return { assignmentId: created.id };
}

/** One assignment of the teacher's own class, with the class's name and zone for the form. */
export async function getTeacherAssignment(
  db: Db,
  options: { teacherId: string; classId: string; assignmentId: string },
): Promise<{ assignment: Assignment; className: string; timeZone: string }> {
  const row = await db.assignment.findFirst({
    where: {
      id: options.assignmentId,
      classId: options.classId,
      class: { teacherId: options.teacherId },
    },
    select: { ...assignmentSelect, class: { select: { name: true, timeZone: true } } },
  });
  if (!row) assignmentNotFound();
  return { assignment: toAssignment(row), className: row.class.name, timeZone: row.class.timeZone };
}

/**
 * Saves an edit. Progress is derived, so the work already done is re-read against the new
 * definition; edits that would throw work away once the assignment opened are refused
 * (checkAssignmentEdit: another kind or deck, a later opening).
 */
export async function updateAssignment(
  db: Db,
  options: {
    teacherId: string;
    classId: string;
    assignmentId: string;
    fields: AssignmentFormFields;
    now: Date;
  },
): Promise<void> {
  const { assignment: before, timeZone } = await getTeacherAssignment(db, options);
  const after = await readDraft(db, { ...options, timeZone, before });
  const { count } = await db.assignment.updateMany({
    where: { id: before.id, classId: options.classId, class: { teacherId: options.teacherId } },
    data: draftColumns(after),
  });
  if (count === 0) assignmentNotFound();
}

/** Deletes the assignment only: the students' review logs, tests and interviews stay theirs. */
export async function deleteAssignment(
  db: Db,
  options: { teacherId: string; classId: string; assignmentId: string },
): Promise<void> {
  const { count } = await db.assignment.deleteMany({
    where: {
      id: options.assignmentId,
      classId: options.classId,
      class: { teacherId: options.teacherId },
    },
  });
  if (count === 0) assignmentNotFound();
}

export interface StudentAssignment {
  assignment: Assignment;
  classId: string;
  className: string;
  progress: AssignmentProgress;
  /** The unfinished test or interview the button continues; null: it starts a new one. */
  resume: ResumeTarget | null;
  /** Its deck's author deleted the deck: nothing can be started, the work done stays counted. */
  deckRemoved: boolean;
}

function toStudentAssignments(
  learnerId: string,
  k: { id: string; name: string },
  result: Awaited<ReturnType<typeof getStudentClassProgress>>,
  removedDecks: ReadonlySet<string>,
): StudentAssignment[] {
  const decks = new Map<string, DeckFacts>(result.decks.map((deck) => [deck.deckId, deck]));
  const progress = new Map(result.progress.map((row) => [row.assignmentId, row]));
  return result.assignments.flatMap((assignment) => {
    const own = progress.get(assignment.id);
    if (!own) return [];
    return [
      {
        assignment,
        classId: k.id,
        className: k.name,
        progress: own,
        resume: findResumeTarget({
          assignment,
          deck: decks.get(assignment.scope.deckId),
          learnerId,
          activity: result.activity,
        }),
        deckRemoved: removedDecks.has(assignment.scope.deckId),
      },
    ];
  });
}

/** The student's assignments in one class they are in (sorted: to do, upcoming, done). */
export async function listClassAssignmentsForStudent(
  db: Db,
  options: { learnerId: string; classId: string; now: Date },
): Promise<StudentAssignment[]> {
  const k = await db.class.findFirst({
    where: { id: options.classId, enrollments: { some: { learnerId: options.learnerId } } },
    select: { id: true, name: true },
  });
  if (!k) throw new NotFoundError("no such class");
  const result = await getStudentClassProgress(db, options);
  const removed = await findDeletedDeckIds(
    db,
    result.assignments.map((a) => a.scope.deckId),
  );
  return sortStudentAssignments(toStudentAssignments(options.learnerId, k, result, removed));
}

/** Every assignment of every class the learner is in, with their own progress only. */
export async function listStudentAssignments(
  db: Db,
  options: { learnerId: string; now: Date },
): Promise<StudentAssignment[]> {
  const classes = await db.class.findMany({
    where: { enrollments: { some: { learnerId: options.learnerId } }, assignments: { some: {} } },
    select: { id: true, name: true },
  });
  const results = await Promise.all(
    classes.map(async (k) => ({
      k,
      result: await getStudentClassProgress(db, { ...options, classId: k.id }),
    })),
  );
  const removed = await findDeletedDeckIds(
    db,
    results.flatMap(({ result }) => result.assignments.map((a) => a.scope.deckId)),
  );
  return sortStudentAssignments(
    results.flatMap(({ k, result }) => toStudentAssignments(options.learnerId, k, result, removed)),
  );
}
