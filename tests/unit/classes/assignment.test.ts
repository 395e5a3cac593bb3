import { describe, expect, it } from "vitest";
import {
  AssignmentInputSchema,
  AssignmentTaskSchema,
  checkAssignmentAgainstDeck,
  checkAssignmentEdit,
  countRequired,
  findAssignmentPhase,
  toAssignmentFormValues,
  type AssignmentInput,
} from "@/lib/core/classes";
import { DECK, DUE_AT, OPEN_AT, at, makeAssignment } from "./class-fixtures";

const base: AssignmentInput = {
  title: "  Pods: networking  ",
  deckId: DECK.deckId,
  aspects: ["networking", "isolation", "networking"],
  kinds: [],
  task: { kind: "study" },
  openAt: "2025-03-03T09:00",
  dueAt: "2025-03-10T21:00",
  timeZone: "Europe/Berlin",
};

function issuesOf(input: unknown) {
  const result = AssignmentInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("assignment form", () => {
  it("turns local dates of the class zone into instants and normalizes the scope", () => {
    expect(AssignmentInputSchema.parse(base)).toEqual({
      title: "Pods: networking",
      scope: { deckId: DECK.deckId, aspects: ["isolation", "networking"], kinds: [] },
      task: { kind: "study", questionCount: null },
      openAt: at("2025-03-03T08:00:00Z"),
      dueAt: at("2025-03-10T20:00:00Z"),
    });
  });

  it("needs the due date after the opening, compared as instants", () => {
    expect(issuesOf({ ...base, dueAt: "2025-03-03T09:00" })).toEqual(["dueAt"]);
    expect(issuesOf({ ...base, dueAt: "2025-03-01T09:00" })).toEqual(["dueAt"]);
    // 02:30 falls in the spring-forward gap and becomes 03:30, after 03:15.
    expect(issuesOf({ ...base, openAt: "2025-03-30T02:30", dueAt: "2025-03-30T03:15" })).toEqual([
      "dueAt",
    ]);
    expect(issuesOf({ ...base, openAt: "2025-03-30T02:30", dueAt: "2025-03-30T03:31" })).toEqual(
      [],
    );
  });

  it("reports a malformed date or zone as a field issue, never a crash", () => {
    expect(issuesOf({ ...base, openAt: "2025-02-30T09:00" })).toEqual(["openAt"]);
    expect(issuesOf({ ...base, timeZone: "Europe/Atlantis" })).toEqual(["timeZone"]);
    expect(issuesOf({ ...base, title: "   " })).toEqual(["title"]);
    expect(issuesOf({ ...base, aspects: ["Not A Key"] })).toEqual(["aspects.0"]);
    expect(issuesOf({ ...base, kinds: ["essay"] })).toEqual(["kinds.0"]);
  });

  it("bounds N and the pass mark per kind", () => {
    const practice = (questionCount: number, passMark?: number | null) =>
      issuesOf({ ...base, task: { kind: "practice", questionCount, passMark } });
    expect(practice(4)).toEqual(["task.questionCount"]);
    expect(practice(5)).toEqual([]);
    expect(practice(50)).toEqual([]);
    expect(practice(51)).toEqual(["task.questionCount"]);
    expect(practice(10.5)).toEqual(["task.questionCount"]);
    expect(practice(10, -1)).toEqual(["task.passMark"]);
    expect(practice(10, 101)).toEqual(["task.passMark"]);
    expect(practice(10, 70.5)).toEqual(["task.passMark"]);
    expect(practice(10, 0)).toEqual([]);
    expect(practice(10, 100)).toEqual([]);
    expect(practice(10, null)).toEqual([]);

    const interview = (questionCount: number) =>
      issuesOf({ ...base, aspects: [], task: { kind: "interview", questionCount } });
    expect(interview(0)).toEqual(["task.questionCount"]);
    expect(interview(1)).toEqual([]);
    expect(interview(20)).toEqual([]);
    expect(interview(21)).toEqual(["task.questionCount"]);

    const study = (questionCount: number) =>
      issuesOf({ ...base, task: { kind: "study", questionCount } });
    expect(study(0)).toEqual(["task.questionCount"]);
    expect(study(1)).toEqual([]);
    expect(study(1001)).toEqual(["task.questionCount"]);
    expect(issuesOf({ ...base, task: { kind: "essay" } })).toEqual(["task.kind"]);
  });

  it("gives an interview no aspects or kinds: it draws from the whole deck", () => {
    expect(issuesOf({ ...base, task: { kind: "interview", questionCount: 5 } })).toEqual([
      "aspects",
    ]);
  });

  it("fills the edit form with the dates the instants have in the class zone", () => {
    const draft = AssignmentInputSchema.parse({
      ...base,
      openAt: "2025-10-26T02:30",
      dueAt: "2025-10-27T08:00",
      task: { kind: "practice", questionCount: 10, passMark: 70 },
    });
    const values = toAssignmentFormValues(draft, "Europe/Berlin");
    expect(values).toMatchObject({ openAt: "2025-10-26T02:30", dueAt: "2025-10-27T08:00" });
    expect(AssignmentInputSchema.parse(values)).toEqual(draft);
    // The same instants shown to a teacher whose class is in Moscow.
    expect(toAssignmentFormValues(draft, "Europe/Moscow")).toMatchObject({
      openAt: "2025-10-26T03:30",
      dueAt: "2025-10-27T10:00",
    });
  });

  it("keeps the task as a JSON column would hold it", () => {
    const stored = JSON.parse(JSON.stringify({ kind: "practice", questionCount: 10 }));
    expect(AssignmentTaskSchema.parse(stored)).toEqual({
      kind: "practice",
      questionCount: 10,
      passMark: null,
    });
  });
});

describe("checks against the deck", () => {
  it("needs known aspects and enough questions in scope", () => {
    expect(checkAssignmentAgainstDeck(makeAssignment(), DECK)).toEqual([]);
    expect(
      checkAssignmentAgainstDeck(
        makeAssignment({ scope: { deckId: DECK.deckId, aspects: ["scaling"], kinds: [] } }),
        DECK,
      ).map((issue) => issue.code),
    ).toEqual(["unknown-aspect", "empty-scope"]);
    // Isolation has no cloze question.
    expect(
      checkAssignmentAgainstDeck(
        makeAssignment({
          scope: { deckId: DECK.deckId, aspects: ["isolation"], kinds: ["cloze"] },
        }),
        DECK,
      ).map((issue) => issue.code),
    ).toEqual(["empty-scope"]);
    expect(
      checkAssignmentAgainstDeck(
        makeAssignment({ task: { kind: "practice", questionCount: 6, passMark: null } }),
        DECK,
      ),
    ).toEqual([{ code: "too-few-questions", path: "task.questionCount" }]);
    expect(
      checkAssignmentAgainstDeck(
        makeAssignment({ task: { kind: "practice", questionCount: 5, passMark: null } }),
        DECK,
      ),
    ).toEqual([]);
    const interview = makeAssignment({
      scope: { deckId: DECK.deckId, aspects: [], kinds: [] },
      task: { kind: "interview", questionCount: 13 },
    });
    expect(checkAssignmentAgainstDeck(interview, DECK).map((issue) => issue.code)).toEqual([
      "too-few-questions",
    ]);
  });

  it("caps N at what the deck has now, so a shrunken scope stays reachable", () => {
    const practice = makeAssignment({
      task: { kind: "practice", questionCount: 10, passMark: 50 },
    });
    expect(countRequired(practice, DECK)).toBe(5);
    expect(countRequired(makeAssignment(), DECK)).toBe(5);
    expect(countRequired(makeAssignment({ task: { kind: "study", questionCount: 3 } }), DECK)).toBe(
      3,
    );
    const interview = makeAssignment({ task: { kind: "interview", questionCount: 8 } });
    expect(countRequired(interview, DECK)).toBe(8);
    expect(countRequired(interview, { ...DECK, interviewPoolSize: 6 })).toBe(6);
    // Another deck's questions are not this assignment's.
    expect(countRequired(makeAssignment(), { ...DECK, deckId: "other" })).toBe(0);
  });
});

describe("edits", () => {
  const before = makeAssignment();

  it("allows anything before the opening", () => {
    const after = makeAssignment({
      task: { kind: "practice", questionCount: 10, passMark: null },
      scope: { deckId: "other", aspects: [], kinds: [] },
      openAt: at("2025-03-05T08:00:00Z"),
    });
    expect(checkAssignmentEdit(before, after, at("2025-03-03T07:59:59Z"))).toEqual([]);
  });

  it("after the opening refuses what would throw work away, and nothing else", () => {
    const now = at("2025-03-04T00:00:00Z");
    expect(
      checkAssignmentEdit(
        before,
        makeAssignment({
          task: { kind: "interview", questionCount: 5 },
          scope: { deckId: "other", aspects: [], kinds: [] },
          openAt: at("2025-03-03T08:00:01Z"),
        }),
        now,
      ).map((issue) => issue.code),
    ).toEqual([
      "kind-changed-after-opening",
      "deck-changed-after-opening",
      "opening-moved-later-after-opening",
    ]);
    expect(
      checkAssignmentEdit(
        before,
        makeAssignment({
          title: "Renamed",
          scope: { deckId: DECK.deckId, aspects: ["networking"], kinds: ["cloze"] },
          task: { kind: "study", questionCount: 2 },
          openAt: at("2025-03-01T00:00:00Z"),
          dueAt: at("2025-03-05T00:00:00Z"),
        }),
        now,
      ),
    ).toEqual([]);
  });
});

describe("phase", () => {
  it("is upcoming before the opening, open up to and at the due instant, then past due", () => {
    const window = { openAt: OPEN_AT, dueAt: DUE_AT };
    expect(findAssignmentPhase(window, at("2025-03-03T07:59:59.999Z"))).toBe("upcoming");
    expect(findAssignmentPhase(window, OPEN_AT)).toBe("open");
    expect(findAssignmentPhase(window, DUE_AT)).toBe("open");
    expect(findAssignmentPhase(window, at("2025-03-10T20:00:00.001Z"))).toBe("past-due");
  });
});
