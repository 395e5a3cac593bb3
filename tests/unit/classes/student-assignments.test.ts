import { describe, expect, it } from "vitest";
import { deriveProgress, type Assignment } from "@/lib/core/classes";
import {
  findResumeTarget,
  listAssignmentsToDo,
  sortStudentAssignments,
} from "@/lib/core/classes/student-assignments";
import { DECK, at, attempt, makeAssignment, session } from "./class-fixtures";

const NOW = at("2025-03-05T12:00:00Z");
const none = { firstGoodAnswers: [], practiceAttempts: [], interviewSessions: [] };

const practice = makeAssignment({
  id: "p",
  task: { kind: "practice", questionCount: 5, passMark: null },
});
const interview = makeAssignment({
  id: "i",
  scope: { deckId: DECK.deckId, aspects: [], kinds: [] },
  task: { kind: "interview", questionCount: 5 },
});

describe("the test or interview an assignment's button continues", () => {
  it("is the latest unfinished test with the assignment's filters, started since the opening", () => {
    const mine = { aspects: ["networking", "isolation"], finishedAt: null, answered: 2 };
    const activity = {
      ...none,
      practiceAttempts: [
        attempt({ ...mine, attemptId: "older", startedAt: at("2025-03-04T10:00:00Z") }),
        attempt({ ...mine, attemptId: "newer", startedAt: at("2025-03-05T10:00:00Z") }),
        attempt({ ...mine, attemptId: "before-opening", startedAt: at("2025-03-01T10:00:00Z") }),
        attempt({ ...mine, attemptId: "finished", finishedAt: at("2025-03-05T11:00:00Z") }),
        attempt({ ...mine, attemptId: "other-filters", aspects: ["networking"] }),
        attempt({ ...mine, attemptId: "someone-else", learnerId: "bob" }),
        attempt({ ...mine, attemptId: "retry", isRetry: true }),
      ],
    };
    expect(
      findResumeTarget({ assignment: practice, deck: DECK, learnerId: "ann", activity }),
    ).toEqual({ kind: "practice", attemptId: "newer" });
    expect(
      findResumeTarget({ assignment: practice, deck: DECK, learnerId: "ann", activity: none }),
    ).toBeNull();
  });

  it("is an unfinished interview on the deck with enough items; a study has none", () => {
    const activity = {
      ...none,
      interviewSessions: [
        session({ sessionId: "short", itemCount: 3, finishedAt: null }),
        session({ sessionId: "open", finishedAt: null }),
      ],
    };
    expect(
      findResumeTarget({ assignment: interview, deck: DECK, learnerId: "ann", activity }),
    ).toEqual({ kind: "interview", sessionId: "open" });
    expect(
      findResumeTarget({ assignment: makeAssignment(), deck: DECK, learnerId: "ann", activity }),
    ).toBeNull();
  });
});

describe("the order of a student's assignments", () => {
  const item = (assignment: Assignment, done = false) => ({
    assignment,
    progress: {
      ...deriveProgress({ assignment, deck: DECK, learnerId: "ann", activity: none, now: NOW }),
      done,
    },
  });
  const overdue = item(
    makeAssignment({
      id: "overdue",
      openAt: at("2025-03-01T00:00:00Z"),
      dueAt: at("2025-03-04T00:00:00Z"),
    }),
  );
  const soon = item(makeAssignment({ id: "soon", dueAt: at("2025-03-06T00:00:00Z") }));
  const later = item(makeAssignment({ id: "later", dueAt: at("2025-03-20T00:00:00Z") }));
  const upcoming = item(
    makeAssignment({
      id: "upcoming",
      openAt: at("2025-03-07T00:00:00Z"),
      dueAt: at("2025-03-08T00:00:00Z"),
    }),
  );
  const doneEarly = item(
    makeAssignment({ id: "done-early", dueAt: at("2025-03-05T00:00:00Z") }),
    true,
  );
  const doneLate = item(
    makeAssignment({ id: "done-late", dueAt: at("2025-03-09T00:00:00Z") }),
    true,
  );

  it("puts what is due nearest first, then what has not opened, then what is done", () => {
    const shuffled = [doneEarly, later, upcoming, soon, doneLate, overdue];
    expect(sortStudentAssignments(shuffled).map((x) => x.assignment.id)).toEqual([
      "overdue",
      "soon",
      "later",
      "upcoming",
      "done-late",
      "done-early",
    ]);
  });

  it("leaves only the ones to do now for the home page", () => {
    expect(
      listAssignmentsToDo([later, upcoming, doneEarly, soon]).map((x) => x.assignment.id),
    ).toEqual(["soon", "later"]);
  });
});
