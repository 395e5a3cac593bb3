import type { z } from "zod";
import {
  ASSIGNMENT_KINDS,
  AssignmentInputSchema,
  toAssignmentFormValues,
  type AssignmentDraft,
  type AssignmentIssue,
  type AssignmentKind,
} from "./assignment";
import { instantToLocalDateTime, parseLocalDateTime } from "./local-date-time";

/*
 * The teacher's assignment form, read the same way in the browser (instant field errors) and on
 * the server (the check that counts): form fields in, an AssignmentDraft or message keys per
 * field out. The keys are translated by the page (`classes.errors`).
 */

/** Names of the form's fields; an error is shown under the field of the same name. */
export type AssignmentField =
  | "title"
  | "deckId"
  | "aspects"
  | "kinds"
  | "kind"
  | "questionCount"
  | "passMark"
  | "openAt"
  | "dueAt";

/** What a form sends: one string per field, a list for the check boxes. */
export interface AssignmentFormFields {
  title?: string;
  deckId?: string;
  aspects?: readonly string[];
  kinds?: readonly string[];
  kind?: string;
  questionCount?: string;
  passMark?: string;
  openAt?: string;
  dueAt?: string;
}

/** The fields of a submitted form (FormData, or the browser's own before it sends it). */
export function readAssignmentFormData(data: {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}): AssignmentFormFields {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const list = (name: string) =>
    data.getAll(name).filter((value): value is string => typeof value === "string");
  return {
    title: text("title"),
    deckId: text("deckId"),
    aspects: list("aspects"),
    kinds: list("kinds"),
    kind: text("kind"),
    questionCount: text("questionCount"),
    passMark: text("passMark"),
    openAt: text("openAt"),
    dueAt: text("dueAt"),
  };
}

/** Blank is "none"; anything that is not a whole number stays text so the schema refuses it. */
function toNumber(text: string | undefined): number | string | null {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function toTask(fields: AssignmentFormFields): unknown {
  const questionCount = toNumber(fields.questionCount);
  switch (fields.kind) {
    case "study":
      return { kind: "study", questionCount };
    case "practice":
      return { kind: "practice", questionCount, passMark: toNumber(fields.passMark) };
    case "interview":
      return { kind: "interview", questionCount };
    default:
      return { kind: fields.kind };
  }
}

function isAssignmentKind(kind: string | undefined): kind is AssignmentKind {
  return (ASSIGNMENT_KINDS as readonly string[]).includes(kind ?? "");
}

const COUNT_ERRORS: Record<AssignmentKind, string> = {
  study: "assignment_count_study",
  practice: "assignment_count_practice",
  interview: "assignment_count_interview",
};

function keyForIssue(
  issue: z.core.$ZodIssue,
  fields: AssignmentFormFields,
): [AssignmentField, string] {
  const [first, second] = issue.path.map(String);
  const field = first === "task" ? second : first;
  switch (field) {
    case "title":
      return [
        "title",
        issue.code === "too_big" ? "assignment_title_too_long" : "assignment_title_required",
      ];
    case "deckId":
      return ["deckId", "assignment_deck_unknown"];
    case "aspects":
      return issue.code === "custom"
        ? ["aspects", "assignment_interview_scope"]
        : ["aspects", "assignment_aspect_unknown"];
    case "kinds":
      return ["kinds", "assignment_kind_unknown"];
    case "questionCount":
      return ["questionCount", COUNT_ERRORS[isAssignmentKind(fields.kind) ? fields.kind : "study"]];
    case "passMark":
      return ["passMark", "assignment_pass_mark_range"];
    case "openAt":
    case "timeZone":
      return ["openAt", "assignment_date_invalid"];
    case "dueAt":
      // A well-formed due date can only fail by not coming after the opening.
      return parseLocalDateTime(fields.dueAt?.trim() ?? "")
        ? ["dueAt", "assignment_due_before_open"]
        : ["dueAt", "assignment_date_invalid"];
    default:
      // The task's discriminator: no kind chosen (or one that does not exist).
      return ["kind", "assignment_type_required"];
  }
}

export type AssignmentFormErrors = Partial<Record<AssignmentField, string>>;

/** The form as an AssignmentDraft (dates in `timeZone`, the class's), or the first error per field. */
export function parseAssignmentForm(
  fields: AssignmentFormFields,
  timeZone: string,
): { ok: true; draft: AssignmentDraft } | { ok: false; errors: AssignmentFormErrors } {
  const parsed = AssignmentInputSchema.safeParse({
    title: fields.title ?? "",
    deckId: fields.deckId ?? "",
    aspects: fields.kind === "interview" ? [] : (fields.aspects ?? []),
    kinds: fields.kind === "interview" ? [] : (fields.kinds ?? []),
    task: toTask(fields),
    openAt: fields.openAt ?? "",
    dueAt: fields.dueAt ?? "",
    timeZone,
  });
  if (parsed.success) return { ok: true, draft: parsed.data };
  const errors: AssignmentFormErrors = {};
  for (const issue of parsed.error.issues) {
    const [field, key] = keyForIssue(issue, fields);
    errors[field] ??= key;
  }
  return { ok: false, errors };
}

const ISSUE_ERRORS: Record<AssignmentIssue["code"], [AssignmentField, string]> = {
  "unknown-aspect": ["aspects", "assignment_aspect_unknown"],
  "empty-scope": ["aspects", "assignment_scope_empty"],
  "too-few-questions": ["questionCount", "assignment_too_few_questions"],
  "kind-changed-after-opening": ["kind", "assignment_kind_locked"],
  "deck-changed-after-opening": ["deckId", "assignment_deck_locked"],
  "opening-moved-later-after-opening": ["openAt", "assignment_open_locked"],
};

/** Issues found against the deck or the saved assignment, as field errors of the form. */
export function assignmentIssueErrors(issues: readonly AssignmentIssue[]): AssignmentFormErrors {
  const errors: AssignmentFormErrors = {};
  for (const issue of issues) {
    const [field, key] = ISSUE_ERRORS[issue.code];
    errors[field] ??= key;
  }
  return errors;
}

/** What the form starts with: every field as the inputs hold it, dates local to the class. */
export interface AssignmentFormDefaults {
  title: string;
  deckId: string;
  aspects: string[];
  kinds: string[];
  kind: AssignmentKind;
  questionCount: string;
  passMark: string;
  openAt: string;
  dueAt: string;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A new assignment: a study one, open from now, due in a week at 21:00 in the class's zone. */
export function newAssignmentDefaults(
  now: Date,
  timeZone: string,
  deckId: string,
): AssignmentFormDefaults {
  const inAWeek = instantToLocalDateTime(new Date(now.getTime() + WEEK_MS), timeZone);
  return {
    title: "",
    deckId,
    aspects: [],
    kinds: [],
    kind: "study",
    questionCount: "",
    passMark: "",
    openAt: instantToLocalDateTime(now, timeZone),
    dueAt: `${inAWeek.slice(0, 10)}T21:00`,
  };
}

/** An existing assignment as the edit form shows it. */
export function assignmentFormDefaults(
  assignment: AssignmentDraft,
  timeZone: string,
): AssignmentFormDefaults {
  const values = toAssignmentFormValues(assignment, timeZone);
  const { task } = values;
  return {
    title: values.title,
    deckId: values.deckId,
    aspects: values.aspects,
    kinds: values.kinds,
    kind: task.kind,
    questionCount: task.questionCount === null ? "" : String(task.questionCount),
    passMark: task.kind === "practice" && task.passMark !== null ? String(task.passMark) : "",
    openAt: values.openAt,
    dueAt: values.dueAt,
  };
}
