import { z } from "zod";
import { QUESTION_KINDS, type AspectKey, type QuestionKind } from "@/lib/core/deck/types";
import { INTERVIEW_LIMITS } from "@/lib/core/practice/assemble-interview";
import { PRACTICE_COUNT } from "@/lib/core/practice/assemble-test";
import {
  LocalDateTimeSchema,
  TimeZoneSchema,
  instantToLocalDateTime,
  localDateTimeToInstant,
  tryLocalDateTimeToInstant,
} from "./local-date-time";
import { ASSIGNMENT_KINDS, type AssignmentKind } from "./assignment-kinds";

/*
 * What a teacher assigns. Progress is never stored with it: it is derived from the learner's
 * own review logs, practice tests and interviews (derive-progress.ts), so editing an
 * assignment re-reads the same activity against the new definition.
 *
 * - study: every question in scope (or, for a large deck, at least `questionCount` of them)
 *   answered Good or Easy at least once since the assignment opened. "Seen" alone is not the
 *   goal: an Again or Hard answer shows the question was met, not yet learned.
 * - practice: a practice test of at least `questionCount` questions drawn from the scope;
 *   the best score counts; with a pass mark, done means a test scored at least that much.
 * - interview: one finished mock interview of at least `questionCount` items on the deck.
 *   Interviews draw from the whole deck, so an interview assignment has no aspects or kinds.
 */

export { ASSIGNMENT_KINDS, type AssignmentKind };

export const ASSIGNMENT_LIMITS = {
  title: { max: 120 },
  studyCount: { min: 1, max: 1000 },
  practiceCount: { min: PRACTICE_COUNT.min, max: PRACTICE_COUNT.max },
  interviewCount: { min: INTERVIEW_LIMITS.count.min, max: INTERVIEW_LIMITS.count.max },
  passMark: { min: 0, max: 100 },
} as const;

/** The questions an assignment is about; an empty list means every aspect (or kind). */
export interface AssignmentScope {
  deckId: string;
  aspects: AspectKey[];
  kinds: QuestionKind[];
}

export type AssignmentTask =
  /** `questionCount` null: every question in scope. */
  | { kind: "study"; questionCount: number | null }
  /** `passMark` in percent (0–100) of the test's questions, or null for none. */
  | { kind: "practice"; questionCount: number; passMark: number | null }
  | { kind: "interview"; questionCount: number };

export interface AssignmentDraft {
  title: string;
  scope: AssignmentScope;
  task: AssignmentTask;
  /** Work counts from this instant on. */
  openAt: Date;
  /** Work finished after it still counts, marked late. */
  dueAt: Date;
}

export interface Assignment extends AssignmentDraft {
  id: string;
}

const DeckIdSchema = z.string().min(1).max(200);
// Same shape as the study API's aspect selection (lib/server/study/schemas.ts).
const AspectKeySchema = z.string().regex(/^[a-z0-9:-]{1,100}$/);

/** Sorted and without repeats, so equal selections compare equal. */
function normalizeSelection<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}

const AspectsSchema = z
  .array(AspectKeySchema)
  .max(20)
  .transform((keys) => normalizeSelection(keys as AspectKey[]));
const KindsSchema = z
  .array(z.enum(QUESTION_KINDS))
  .max(QUESTION_KINDS.length)
  .transform(normalizeSelection);

const StudyTaskSchema = z.object({
  kind: z.literal("study"),
  questionCount: z
    .number()
    .int()
    .min(ASSIGNMENT_LIMITS.studyCount.min)
    .max(ASSIGNMENT_LIMITS.studyCount.max)
    .nullable()
    .default(null),
});
const PracticeTaskSchema = z.object({
  kind: z.literal("practice"),
  questionCount: z
    .number()
    .int()
    .min(ASSIGNMENT_LIMITS.practiceCount.min)
    .max(ASSIGNMENT_LIMITS.practiceCount.max),
  passMark: z
    .number()
    .int()
    .min(ASSIGNMENT_LIMITS.passMark.min)
    .max(ASSIGNMENT_LIMITS.passMark.max)
    .nullable()
    .default(null),
});
const InterviewTaskSchema = z.object({
  kind: z.literal("interview"),
  questionCount: z
    .number()
    .int()
    .min(ASSIGNMENT_LIMITS.interviewCount.min)
    .max(ASSIGNMENT_LIMITS.interviewCount.max),
});

/** The kind and its numbers: also the shape to keep in a JSON column. */
export const AssignmentTaskSchema = z.discriminatedUnion("kind", [
  StudyTaskSchema,
  PracticeTaskSchema,
  InterviewTaskSchema,
]);

export const AssignmentScopeSchema = z.object({
  deckId: DeckIdSchema,
  aspects: AspectsSchema.default([]),
  kinds: KindsSchema.default([]),
});

const TitleSchema = z
  .string()
  .trim()
  .min(1, { message: "Give the assignment a title" })
  .max(ASSIGNMENT_LIMITS.title.max);

/**
 * The teacher's form, validated at the boundary. Dates are local to `timeZone`, which the
 * server sets from the class (never from the request), and come out as UTC instants.
 */
export const AssignmentInputSchema = z
  .object({
    title: TitleSchema,
    deckId: DeckIdSchema,
    aspects: AspectsSchema.default([]),
    kinds: KindsSchema.default([]),
    task: AssignmentTaskSchema,
    openAt: LocalDateTimeSchema,
    dueAt: LocalDateTimeSchema,
    timeZone: TimeZoneSchema,
  })
  .superRefine((input, context) => {
    if (input.task.kind === "interview" && (input.aspects.length > 0 || input.kinds.length > 0)) {
      context.addIssue({
        code: "custom",
        path: ["aspects"],
        message: "An interview draws from the whole deck: leave aspects and kinds empty",
      });
    }
    // Compared as instants: a local time in a DST gap moves forward, so the strings' order
    // is not always the instants' order. Fields that failed their own check are skipped.
    const openAt = tryLocalDateTimeToInstant(input.openAt, input.timeZone);
    const dueAt = tryLocalDateTimeToInstant(input.dueAt, input.timeZone);
    if (openAt && dueAt && dueAt.getTime() <= openAt.getTime()) {
      context.addIssue({
        code: "custom",
        path: ["dueAt"],
        message: "The due date must come after the opening date",
      });
    }
  })
  .transform((input): AssignmentDraft => ({
    title: input.title,
    scope: { deckId: input.deckId, aspects: input.aspects, kinds: input.kinds },
    task: input.task,
    openAt: localDateTimeToInstant(input.openAt, input.timeZone),
    dueAt: localDateTimeToInstant(input.dueAt, input.timeZone),
  }));
export type AssignmentInput = z.input<typeof AssignmentInputSchema>;

/** What the form holds: dates as local "YYYY-MM-DDTHH:mm" in `timeZone`. */
export interface AssignmentFormValues {
  title: string;
  deckId: string;
  aspects: string[];
  kinds: QuestionKind[];
  task: AssignmentTask;
  openAt: string;
  dueAt: string;
  timeZone: string;
}

/** The form's values for editing an assignment, dates shown in the class's zone. */
export function toAssignmentFormValues(
  assignment: AssignmentDraft,
  timeZone: string,
): AssignmentFormValues {
  return {
    title: assignment.title,
    deckId: assignment.scope.deckId,
    aspects: [...assignment.scope.aspects],
    kinds: [...assignment.scope.kinds],
    task: { ...assignment.task },
    openAt: instantToLocalDateTime(assignment.openAt, timeZone),
    dueAt: instantToLocalDateTime(assignment.dueAt, timeZone),
    timeZone,
  };
}

/** A deck's live questions, as the scope and the counts of an assignment see them. */
export interface DeckQuestion {
  id: string;
  aspect: string;
  kind: string;
}

export interface DeckFacts {
  deckId: string;
  /** Questions that are not retired: a retired question can no longer be studied. */
  questions: readonly DeckQuestion[];
  /** Items a mock interview on the deck can draw from; unknown means no cap on N. */
  interviewPoolSize?: number;
}

/** Whether a question falls in a selection of aspects and kinds (empty: every one). */
export function isQuestionInScope(
  question: Pick<DeckQuestion, "aspect" | "kind">,
  selection: { aspects: readonly string[]; kinds: readonly string[] },
): boolean {
  return (
    (selection.aspects.length === 0 || selection.aspects.includes(question.aspect)) &&
    (selection.kinds.length === 0 || selection.kinds.includes(question.kind))
  );
}

export function listScopeQuestions(
  scope: AssignmentScope,
  deck: DeckFacts,
): readonly DeckQuestion[] {
  if (deck.deckId !== scope.deckId) return [];
  return deck.questions.filter((question) => isQuestionInScope(question, scope));
}

/**
 * How many questions (items) the task needs on the deck as it is now: N, or fewer when the
 * scope (or the interview pool) has shrunk below N since, so the goal stays reachable.
 */
export function countRequired(assignment: AssignmentDraft, deck: DeckFacts): number {
  const { task } = assignment;
  if (task.kind === "interview") {
    return Math.min(task.questionCount, deck.interviewPoolSize ?? task.questionCount);
  }
  const inScope = listScopeQuestions(assignment.scope, deck).length;
  return task.questionCount === null ? inScope : Math.min(task.questionCount, inScope);
}

export type AssignmentIssueCode =
  | "unknown-aspect"
  | "empty-scope"
  | "too-few-questions"
  | "kind-changed-after-opening"
  | "deck-changed-after-opening"
  | "opening-moved-later-after-opening";

export interface AssignmentIssue {
  code: AssignmentIssueCode;
  path: string;
}

/**
 * Checks that need the deck: the aspects exist and the scope has enough questions for N (a
 * study goal of "every question" needs one). Empty when the assignment can be saved.
 */
export function checkAssignmentAgainstDeck(
  assignment: AssignmentDraft,
  deck: DeckFacts,
): AssignmentIssue[] {
  const issues: AssignmentIssue[] = [];
  const aspects = new Set(deck.questions.map((question) => question.aspect));
  if (assignment.scope.aspects.some((aspect) => !aspects.has(aspect))) {
    issues.push({ code: "unknown-aspect", path: "aspects" });
  }
  const { task } = assignment;
  const available =
    task.kind === "interview"
      ? (deck.interviewPoolSize ?? deck.questions.length)
      : listScopeQuestions(assignment.scope, deck).length;
  if (available === 0) issues.push({ code: "empty-scope", path: "aspects" });
  else if (task.questionCount !== null && task.questionCount > available) {
    issues.push({ code: "too-few-questions", path: "task.questionCount" });
  }
  return issues;
}

/**
 * Edits that would throw away work already done are refused once the assignment has opened:
 * another kind or deck, or an opening moved later (work between the two openings would stop
 * counting). Everything else (title, scope, N, pass mark, due date, an earlier opening) may
 * change at any time; progress is then recomputed from the same activity.
 */
export function checkAssignmentEdit(
  before: AssignmentDraft,
  after: AssignmentDraft,
  now: Date,
): AssignmentIssue[] {
  if (now.getTime() < before.openAt.getTime()) return [];
  const issues: AssignmentIssue[] = [];
  if (before.task.kind !== after.task.kind) {
    issues.push({ code: "kind-changed-after-opening", path: "task.kind" });
  }
  if (before.scope.deckId !== after.scope.deckId) {
    issues.push({ code: "deck-changed-after-opening", path: "deckId" });
  }
  if (after.openAt.getTime() > before.openAt.getTime()) {
    issues.push({ code: "opening-moved-later-after-opening", path: "openAt" });
  }
  return issues;
}

export type AssignmentPhase = "upcoming" | "open" | "past-due";

/** Before the opening, between opening and due date (inclusive), or after the due date. */
export function findAssignmentPhase(
  assignment: Pick<AssignmentDraft, "openAt" | "dueAt">,
  now: Date,
): AssignmentPhase {
  if (now.getTime() < assignment.openAt.getTime()) return "upcoming";
  return now.getTime() > assignment.dueAt.getTime() ? "past-due" : "open";
}
