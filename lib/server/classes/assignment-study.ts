import {
  deriveProgress,
  findAssignmentPhase,
  listScopeQuestions,
  type Assignment,
} from "@/lib/core/classes";
import type { Db } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { getStudyCard, type StudyState } from "../study/get-study-card";
import {
  assignmentSelect,
  loadDeckFacts,
  loadFirstGoodAnswers,
  toAssignment,
} from "./class-activity";

/*
 * The study session a study assignment's button opens (/study?assignment=<id>): exactly its
 * deck, aspects and kinds, and only the questions still short of its goal, without the daily
 * new-card limit (why: buildStudyQueue). Only a student enrolled in the assignment's class
 * reaches it, while its deck is not deleted; anyone else gets a 404, like an unknown id.
 */

export interface AssignmentGoal {
  assignmentId: string;
  title: string;
  classId: string;
  className: string;
  /** In-scope questions with a Good or Easy answer since the opening, out of those required. */
  done: number;
  total: number;
  reached: boolean;
}

export type AssignmentStudyState = StudyState & { goal: AssignmentGoal };

/** A study assignment of a class the learner is in, with its class. */
export async function getStudentStudyAssignment(
  db: Db,
  options: { learnerId: string | null; assignmentId: string },
): Promise<{ assignment: Assignment; classId: string; className: string }> {
  const row = options.learnerId
    ? await db.assignment.findFirst({
        where: {
          id: options.assignmentId,
          kind: "study",
          class: { enrollments: { some: { learnerId: options.learnerId } } },
          // A deleted deck has nothing left to study: its assignment says so on /classes.
          deck: { deletedAt: null },
        },
        select: { ...assignmentSelect, class: { select: { id: true, name: true } } },
      })
    : null;
  if (!row) throw new NotFoundError("no such assignment");
  return { assignment: toAssignment(row), classId: row.class.id, className: row.class.name };
}

export async function getAssignmentStudyCard(
  db: Db,
  options: { learnerId: string | null; assignmentId: string; now: Date },
): Promise<AssignmentStudyState> {
  const { assignment, classId, className } = await getStudentStudyAssignment(db, options);
  const learnerId = options.learnerId as string;
  if (findAssignmentPhase(assignment, options.now) === "upcoming") {
    throw new ConflictError("this assignment has not opened yet", "assignment_not_open");
  }
  const [[deck], firstGoodAnswers] = await Promise.all([
    loadDeckFacts(db, [assignment.scope.deckId]),
    loadFirstGoodAnswers(db, { classId, assignments: [assignment], learnerId }),
  ]);
  const facts = deck ?? { deckId: assignment.scope.deckId, questions: [] };
  const progress = deriveProgress({
    assignment,
    deck: facts,
    learnerId,
    activity: { firstGoodAnswers, practiceAttempts: [], interviewSessions: [] },
    now: options.now,
  });
  const answered = new Set(firstGoodAnswers.map((row) => row.questionId));
  const goalQuestionIds = new Set(
    listScopeQuestions(assignment.scope, facts)
      .map((question) => question.id)
      .filter((id) => !answered.has(id)),
  );
  const { aspects, kinds } = assignment.scope;
  const state = await getStudyCard(db, {
    learnerId,
    deckIds: [assignment.scope.deckId],
    aspects: aspects.length > 0 ? aspects : undefined,
    kinds: kinds.length > 0 ? kinds : undefined,
    goalQuestionIds,
    now: options.now,
  });
  return {
    ...state,
    goal: {
      assignmentId: assignment.id,
      title: assignment.title,
      classId,
      className,
      done: progress.counts.done,
      total: progress.counts.total,
      reached: progress.done,
    },
  };
}
