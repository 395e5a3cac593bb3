import { countRequired, type Assignment, type DeckFacts } from "./assignment";
import type { AssignmentProgress, LearnerActivity } from "./derive-progress";

/*
 * What a student's list of assignments needs beyond progress: which test or interview to
 * continue instead of starting a new one, and the order to show them in.
 */

export type ResumeTarget =
  { kind: "practice"; attemptId: string } | { kind: "interview"; sessionId: string };

function sameSelection(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");
}

/**
 * An unfinished test (interview) the assignment's button started, or one just like it: on the
 * deck, since the opening, the scope's filters, at least N questions. The latest one started.
 * Finishing it counts, so the button continues it rather than starting another.
 */
export function findResumeTarget(input: {
  assignment: Assignment;
  deck: DeckFacts | undefined;
  learnerId: string;
  activity: LearnerActivity;
}): ResumeTarget | null {
  const { assignment, learnerId, activity } = input;
  if (assignment.task.kind === "study" || !input.deck) return null;
  const required = countRequired(assignment, input.deck);
  const since = assignment.openAt.getTime();
  const latest = <T extends { startedAt: Date }>(rows: T[]) =>
    rows.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  if (assignment.task.kind === "practice") {
    const attempt = latest(
      activity.practiceAttempts.filter(
        (row) =>
          row.learnerId === learnerId &&
          row.finishedAt === null &&
          !row.isRetry &&
          row.deckId === assignment.scope.deckId &&
          row.startedAt.getTime() >= since &&
          row.questionCount >= required &&
          sameSelection(row.aspects, assignment.scope.aspects) &&
          sameSelection(row.kinds, assignment.scope.kinds),
      ),
    );
    return attempt ? { kind: "practice", attemptId: attempt.attemptId } : null;
  }
  const session = latest(
    activity.interviewSessions.filter(
      (row) =>
        row.learnerId === learnerId &&
        row.finishedAt === null &&
        row.deckId === assignment.scope.deckId &&
        row.startedAt.getTime() >= since &&
        row.itemCount >= required,
    ),
  );
  return session ? { kind: "interview", sessionId: session.sessionId } : null;
}

/**
 * The order of a student's assignments: the ones to do now by due date (an overdue one first:
 * it is the nearest due), then those not open yet by opening, then the done ones, latest due
 * first.
 */
export function sortStudentAssignments<
  T extends {
    assignment: Pick<Assignment, "id" | "openAt" | "dueAt">;
    progress: AssignmentProgress;
  },
>(items: readonly T[]): T[] {
  const group = (item: T) => (item.progress.done ? 2 : item.progress.phase === "upcoming" ? 1 : 0);
  const time = (item: T) =>
    group(item) === 0
      ? item.assignment.dueAt.getTime()
      : group(item) === 1
        ? item.assignment.openAt.getTime()
        : -item.assignment.dueAt.getTime();
  return [...items].sort(
    (a, b) =>
      group(a) - group(b) ||
      time(a) - time(b) ||
      (a.assignment.id < b.assignment.id ? -1 : a.assignment.id > b.assignment.id ? 1 : 0),
  );
}

/** The assignments to do now (open or overdue, not done), nearest due first: the home page's list. */
export function listAssignmentsToDo<
  T extends {
    assignment: Pick<Assignment, "id" | "openAt" | "dueAt">;
    progress: AssignmentProgress;
  },
>(items: readonly T[]): T[] {
  return sortStudentAssignments(items).filter(
    (item) => !item.progress.done && item.progress.phase !== "upcoming",
  );
}
