import { describe, expect, it } from "vitest";
import {
  assignmentIssueErrors,
  parseAssignmentForm,
  readAssignmentFormData,
  type AssignmentFormFields,
} from "@/lib/core/classes/assignment-form";

const ZONE = "Europe/Moscow";
const base: AssignmentFormFields = {
  title: "Сети",
  deckId: "containers-vs-pods.ru",
  aspects: ["networking"],
  kinds: [],
  kind: "study",
  questionCount: "",
  passMark: "",
  openAt: "2026-03-02T09:00",
  dueAt: "2026-03-09T21:00",
};

const errorsOf = (fields: AssignmentFormFields) => {
  const result = parseAssignmentForm(fields, ZONE);
  return result.ok ? {} : result.errors;
};

describe("the assignment form", () => {
  it("reads a study assignment with blank N as every question, dates in the class zone", () => {
    expect(parseAssignmentForm(base, ZONE)).toEqual({
      ok: true,
      draft: {
        title: "Сети",
        scope: { deckId: "containers-vs-pods.ru", aspects: ["networking"], kinds: [] },
        task: { kind: "study", questionCount: null },
        openAt: new Date("2026-03-02T06:00:00Z"),
        dueAt: new Date("2026-03-09T18:00:00Z"),
      },
    });
  });

  it("reads a practice test with N and an optional pass mark", () => {
    const withMark = parseAssignmentForm(
      { ...base, kind: "practice", questionCount: "10", passMark: "70" },
      ZONE,
    );
    expect(withMark.ok && withMark.draft.task).toEqual({
      kind: "practice",
      questionCount: 10,
      passMark: 70,
    });
    const without = parseAssignmentForm({ ...base, kind: "practice", questionCount: "10" }, ZONE);
    expect(without.ok && without.draft.task).toEqual({
      kind: "practice",
      questionCount: 10,
      passMark: null,
    });
  });

  it("drops aspects and kinds an interview cannot use instead of refusing the form", () => {
    const result = parseAssignmentForm(
      { ...base, kind: "interview", questionCount: "5", kinds: ["cloze"] },
      ZONE,
    );
    expect(result.ok && result.draft.scope).toEqual({
      deckId: "containers-vs-pods.ru",
      aspects: [],
      kinds: [],
    });
  });

  it("names the field and the message key of every mistake", () => {
    expect(errorsOf({ ...base, title: "  " })).toEqual({ title: "assignment_title_required" });
    expect(errorsOf({ ...base, title: "x".repeat(121) })).toEqual({
      title: "assignment_title_too_long",
    });
    expect(errorsOf({ ...base, kind: undefined })).toEqual({ kind: "assignment_type_required" });
    expect(errorsOf({ ...base, kind: "practice", questionCount: "" })).toEqual({
      questionCount: "assignment_count_practice",
    });
    expect(errorsOf({ ...base, kind: "practice", questionCount: "4" })).toEqual({
      questionCount: "assignment_count_practice",
    });
    expect(errorsOf({ ...base, kind: "interview", questionCount: "21" })).toEqual({
      questionCount: "assignment_count_interview",
    });
    expect(errorsOf({ ...base, questionCount: "ten" })).toEqual({
      questionCount: "assignment_count_study",
    });
    expect(errorsOf({ ...base, kind: "practice", questionCount: "10", passMark: "101" })).toEqual({
      passMark: "assignment_pass_mark_range",
    });
    expect(errorsOf({ ...base, kinds: ["poem"] })).toEqual({ kinds: "assignment_kind_unknown" });
    expect(errorsOf({ ...base, aspects: ["Not A Key"] })).toEqual({
      aspects: "assignment_aspect_unknown",
    });
    expect(errorsOf({ ...base, openAt: "2026-02-30T09:00" })).toEqual({
      openAt: "assignment_date_invalid",
    });
    expect(errorsOf({ ...base, dueAt: "" })).toEqual({ dueAt: "assignment_date_invalid" });
    expect(errorsOf({ ...base, dueAt: "2026-03-02T08:59" })).toEqual({
      dueAt: "assignment_due_before_open",
    });
  });

  it("turns the checks against the deck and the saved assignment into field errors", () => {
    expect(
      assignmentIssueErrors([
        { code: "empty-scope", path: "aspects" },
        { code: "unknown-aspect", path: "aspects" },
        { code: "too-few-questions", path: "task.questionCount" },
        { code: "opening-moved-later-after-opening", path: "openAt" },
      ]),
    ).toEqual({
      aspects: "assignment_scope_empty",
      questionCount: "assignment_too_few_questions",
      openAt: "assignment_open_locked",
    });
  });

  it("reads FormData with its check-box lists", () => {
    const data = new FormData();
    data.set("title", "T");
    data.append("aspects", "networking");
    data.append("aspects", "isolation");
    data.append("kinds", "cloze");
    expect(readAssignmentFormData(data)).toMatchObject({
      title: "T",
      aspects: ["networking", "isolation"],
      kinds: ["cloze"],
      deckId: undefined,
    });
  });
});
