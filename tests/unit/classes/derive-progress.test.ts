import { describe, expect, it } from "vitest";
import {
  deriveClassProgress,
  deriveProgress,
  isAttemptCounted,
  type Assignment,
  type DeckFacts,
  type LearnerActivity,
} from "@/lib/core/classes";
import {
  DECK,
  DUE_AT,
  OPEN_AT,
  activity,
  at,
  attempt,
  good,
  makeAssignment,
  session,
} from "./class-fixtures";

const BEFORE_DUE = at("2025-03-09T12:00:00Z");
const AFTER_DUE = at("2025-03-12T12:00:00Z");

function progressOf(
  assignment: Assignment,
  work: LearnerActivity,
  now = BEFORE_DUE,
  deck: DeckFacts = DECK,
) {
  return deriveProgress({ assignment, deck, learnerId: "ann", activity: work, now });
}

// The in-scope questions of the default assignment (networking + isolation), answered Good.
const allFive = [
  good("n1", "2025-03-03T09:00:00Z"),
  good("n2", "2025-03-04T09:00:00Z"),
  good("n3", "2025-03-05T09:00:00Z"),
  good("i1", "2025-03-06T09:00:00Z"),
  good("i2", "2025-03-07T09:00:00Z"),
];

describe("study goal: every question in scope answered Good or Easy since the opening", () => {
  it("is reached when the last in-scope question gets its first Good answer", () => {
    const progress = progressOf(makeAssignment(), activity({ firstGoodAnswers: allFive }));
    expect(progress).toMatchObject({
      kind: "study",
      phase: "open",
      progress: 1,
      done: true,
      completedAt: at("2025-03-07T09:00:00Z"),
      late: false,
      overdue: false,
      counts: { done: 5, total: 5, unit: "question" },
      best: null,
      passed: null,
    });
  });

  it("is partial with some questions: 3 of 5, overdue only once the due date passes", () => {
    const work = activity({ firstGoodAnswers: allFive.slice(0, 3) });
    expect(progressOf(makeAssignment(), work)).toMatchObject({
      progress: 0.6,
      done: false,
      completedAt: null,
      overdue: false,
      counts: { done: 3, total: 5 },
    });
    expect(progressOf(makeAssignment(), work, DUE_AT).overdue).toBe(false);
    expect(progressOf(makeAssignment(), work, AFTER_DUE)).toMatchObject({
      phase: "past-due",
      overdue: true,
      late: false,
      done: false,
    });
  });

  it("ignores answers before the opening, outside the scope, of others and of other assignments", () => {
    const work = activity({
      firstGoodAnswers: [
        ...allFive.slice(0, 4),
        good("i2", "2025-03-03T07:59:59Z"),
        good("l1", "2025-03-04T09:00:00Z"),
        good("i2", "2025-03-04T09:00:00Z", "bob"),
        good("i2", "2025-03-04T09:00:00Z", "ann", "study-2"),
        good("gone", "2025-03-04T09:00:00Z"),
      ],
    });
    expect(progressOf(makeAssignment(), work)).toMatchObject({
      done: false,
      counts: { done: 4, total: 5 },
    });
  });

  it("counts each question once, at its earliest answer", () => {
    const work = activity({
      firstGoodAnswers: [
        ...allFive,
        good("n1", "2025-03-08T09:00:00Z"),
        good("i2", "2025-03-03T10:00:00Z"),
      ],
    });
    expect(progressOf(makeAssignment(), work)).toMatchObject({
      counts: { done: 5, total: 5 },
      // i2's earlier row wins, so i1 (6 March) is the last question reached.
      completedAt: at("2025-03-06T09:00:00Z"),
    });
  });

  it("counts work after the due date, and marks it late (not at the due instant itself)", () => {
    const late = [...allFive.slice(0, 4), good("i2", "2025-03-10T20:00:01Z")];
    expect(
      progressOf(makeAssignment(), activity({ firstGoodAnswers: late }), AFTER_DUE),
    ).toMatchObject({
      done: true,
      late: true,
      overdue: false,
      completedAt: at("2025-03-10T20:00:01Z"),
    });
    const onTheDot = [...allFive.slice(0, 4), good("i2", "2025-03-10T20:00:00Z")];
    expect(
      progressOf(makeAssignment(), activity({ firstGoodAnswers: onTheDot }), AFTER_DUE).late,
    ).toBe(false);
  });

  it("with N questions, is reached at the N-th question's first Good answer", () => {
    const assignment = makeAssignment({ task: { kind: "study", questionCount: 3 } });
    expect(progressOf(assignment, activity({ firstGoodAnswers: allFive }))).toMatchObject({
      done: true,
      completedAt: at("2025-03-05T09:00:00Z"),
      counts: { done: 3, total: 3 },
    });
    expect(
      progressOf(assignment, activity({ firstGoodAnswers: allFive.slice(0, 2) })),
    ).toMatchObject({
      done: false,
      counts: { done: 2, total: 3 },
    });
    expect(
      progressOf(assignment, activity({ firstGoodAnswers: allFive.slice(0, 2) })).progress,
    ).toBeCloseTo(2 / 3);
  });

  it("follows the deck: a retired question leaves the goal", () => {
    const withoutI2 = { ...DECK, questions: DECK.questions.filter((q) => q.id !== "i2") };
    expect(
      progressOf(
        makeAssignment(),
        activity({ firstGoodAnswers: allFive.slice(0, 4) }),
        BEFORE_DUE,
        withoutI2,
      ),
    ).toMatchObject({
      done: true,
      counts: { done: 4, total: 4 },
      completedAt: at("2025-03-06T09:00:00Z"),
    });
  });

  it("is not done with an empty scope (nothing to do is not done)", () => {
    const empty = makeAssignment({
      scope: { deckId: DECK.deckId, aspects: ["scaling"], kinds: [] },
    });
    expect(progressOf(empty, activity({ firstGoodAnswers: allFive }))).toMatchObject({
      done: false,
      progress: 0,
      counts: { done: 0, total: 0 },
    });
  });
});

describe("study goal counted already (the dashboard's tallies from SQL)", () => {
  const tally = (answered: number, metAt: string | null) =>
    activity({
      studyGoals: [
        {
          assignmentId: "study-1",
          learnerId: "ann",
          answered,
          metAt: metAt === null ? null : at(metAt),
        },
      ],
    });

  it("reads the tally instead of the answers: met at its time, late after the due date", () => {
    const assignment = makeAssignment({ task: { kind: "study", questionCount: 3 } });
    // The answers say nothing was done; the tally is what counts when given.
    const counted = { ...tally(4, "2025-03-05T09:00:00Z"), firstGoodAnswers: [] };
    expect(progressOf(assignment, counted)).toMatchObject({
      done: true,
      completedAt: at("2025-03-05T09:00:00Z"),
      counts: { done: 3, total: 3 },
      late: false,
    });
    expect(progressOf(assignment, tally(3, "2025-03-11T09:00:00Z"), AFTER_DUE)).toMatchObject({
      done: true,
      late: true,
    });
  });

  it("is partial below the goal, and nothing without a tally row", () => {
    const assignment = makeAssignment();
    expect(progressOf(assignment, tally(2, null))).toMatchObject({
      done: false,
      completedAt: null,
      counts: { done: 2, total: 5 },
    });
    expect(progressOf(assignment, tally(2, null)).progress).toBeCloseTo(2 / 5);
    expect(
      progressOf(assignment, activity({ studyGoals: [], firstGoodAnswers: allFive })),
    ).toMatchObject({ done: false, progress: 0, counts: { done: 0, total: 5 } });
  });

  it("gives the class the same progress from tallies as from the answers they count", () => {
    const assignments = [
      makeAssignment(),
      makeAssignment({ id: "study-2", task: { kind: "study", questionCount: 2 } }),
    ];
    const rows = [
      ...allFive,
      ...allFive.slice(0, 3).map((row) => ({ ...row, assignmentId: "study-2" })),
      ...allFive.slice(1, 2).map((row) => ({ ...row, learnerId: "bob" })),
    ];
    const derive = (work: LearnerActivity) =>
      deriveClassProgress({
        assignments,
        decks: [DECK],
        learnerIds: ["ann", "bob"],
        activity: work,
        now: BEFORE_DUE,
      });
    const studyGoals = [
      { assignmentId: "study-1", learnerId: "ann", answered: 5, metAt: at("2025-03-07T09:00:00Z") },
      { assignmentId: "study-2", learnerId: "ann", answered: 3, metAt: at("2025-03-04T09:00:00Z") },
      { assignmentId: "study-1", learnerId: "bob", answered: 1, metAt: null },
    ];
    expect(derive(activity({ studyGoals }))).toEqual(derive(activity({ firstGoodAnswers: rows })));
  });
});

describe("editing an assignment keeps what was done: progress is recomputed", () => {
  const work = activity({ firstGoodAnswers: allFive.slice(0, 3) });
  const original = makeAssignment();

  it("a narrower scope completes from the same answers", () => {
    const networkingOnly = makeAssignment({
      scope: { deckId: DECK.deckId, aspects: ["networking"], kinds: [] },
    });
    expect(progressOf(original, work).done).toBe(false);
    expect(progressOf(networkingOnly, work)).toMatchObject({
      done: true,
      completedAt: at("2025-03-05T09:00:00Z"),
      counts: { done: 3, total: 3 },
    });
  });

  it("a wider scope keeps the answers and raises the total", () => {
    const everything = makeAssignment({ scope: { deckId: DECK.deckId, aspects: [], kinds: [] } });
    expect(progressOf(everything, work).counts).toEqual({ done: 3, total: 6, unit: "question" });
  });

  it("a smaller N completes, a larger one (above the scope) is capped", () => {
    expect(
      progressOf(makeAssignment({ task: { kind: "study", questionCount: 2 } }), work),
    ).toMatchObject({ done: true, completedAt: at("2025-03-04T09:00:00Z") });
    expect(
      progressOf(makeAssignment({ task: { kind: "study", questionCount: 40 } }), work).counts,
    ).toEqual({ done: 3, total: 5, unit: "question" });
  });

  it("an earlier due date turns the same completion late; a later one makes it on time", () => {
    const done = activity({ firstGoodAnswers: allFive });
    expect(progressOf(original, done, AFTER_DUE).late).toBe(false);
    const earlier = makeAssignment({ dueAt: at("2025-03-06T12:00:00Z") });
    expect(progressOf(earlier, done, AFTER_DUE)).toMatchObject({ done: true, late: true });
    const extended = makeAssignment({ dueAt: at("2025-03-20T12:00:00Z") });
    const partial = progressOf(extended, work, AFTER_DUE);
    expect(partial).toMatchObject({ overdue: false, phase: "open", counts: { done: 3 } });
  });

  it("never changes the activity it reads", () => {
    const snapshot = structuredClone(work);
    progressOf(makeAssignment({ task: { kind: "study", questionCount: 1 } }), work);
    progressOf(original, work, AFTER_DUE);
    expect(work).toEqual(snapshot);
  });
});

describe("practice test: best score counts, optional pass mark", () => {
  const practice = (passMark: number | null, overrides: Partial<Assignment> = {}) =>
    makeAssignment({
      id: "test-1",
      scope: { deckId: DECK.deckId, aspects: ["networking"], kinds: [] },
      task: { kind: "practice", questionCount: 5, passMark },
      ...overrides,
    });
  const inScope = { aspects: ["networking"] };

  it("counts finished tests of the scope started after the opening, and nothing else", () => {
    const assignment = practice(null);
    const counted = (overrides: Parameters<typeof attempt>[0]) =>
      isAttemptCounted(attempt({ ...inScope, ...overrides }), assignment, DECK);
    // The deck has only 3 networking questions, so N = 5 is capped at 3.
    expect(counted({})).toBe(true);
    expect(counted({ questionCount: 3, answered: 3 })).toBe(true);
    expect(counted({ questionCount: 2, answered: 2 })).toBe(false);
    expect(counted({ startedAt: at("2025-03-03T07:59:00Z") })).toBe(false);
    expect(counted({ finishedAt: null, answered: 4 })).toBe(false);
    expect(counted({ isRetry: true })).toBe(false);
    expect(counted({ deckId: "other" })).toBe(false);
    // Narrower than the scope: only true/false questions of networking.
    expect(counted({ kinds: ["true-false"] })).toBe(true);
    // Could draw isolation or lifecycle questions too.
    expect(counted({ aspects: [] })).toBe(false);
    expect(counted({ aspects: ["networking", "isolation"] })).toBe(false);
    // A scope of every aspect takes a test that listed them all, or none.
    const everything = practice(null, { scope: { deckId: DECK.deckId, aspects: [], kinds: [] } });
    const all = { aspects: ["isolation", "lifecycle", "networking"] };
    expect(
      isAttemptCounted(attempt({ ...all, questionCount: 6, answered: 6 }), everything, DECK),
    ).toBe(true);
    expect(isAttemptCounted(attempt({ questionCount: 6, answered: 6 }), everything, DECK)).toBe(
      true,
    );
    expect(isAttemptCounted(attempt({ questionCount: 5 }), everything, DECK)).toBe(true);
    expect(isAttemptCounted(attempt({ questionCount: 4, answered: 4 }), everything, DECK)).toBe(
      false,
    );
  });

  it("keeps the best score across attempts, done with the first that passes", () => {
    const work = activity({
      practiceAttempts: [
        attempt({
          ...inScope,
          attemptId: "t1",
          correct: 2,
          finishedAt: at("2025-03-04T10:10:00Z"),
        }),
        attempt({
          ...inScope,
          attemptId: "t2",
          correct: 4,
          startedAt: at("2025-03-05T10:00:00Z"),
          finishedAt: at("2025-03-05T10:10:00Z"),
        }),
        attempt({
          ...inScope,
          attemptId: "t3",
          correct: 3,
          startedAt: at("2025-03-06T10:00:00Z"),
          finishedAt: at("2025-03-06T10:10:00Z"),
        }),
        // A perfect retry of missed questions does not count.
        attempt({ ...inScope, attemptId: "t4", isRetry: true, correct: 5 }),
      ],
    });
    expect(progressOf(practice(70), work)).toMatchObject({
      kind: "practice",
      done: true,
      passed: true,
      completedAt: at("2025-03-05T10:10:00Z"),
      best: { earned: 4, possible: 5, percent: 80, finishedAt: at("2025-03-05T10:10:00Z") },
      counted: 3,
      counts: { done: 1, total: 1, unit: "test" },
    });
    // Without a pass mark the first finished test completes it.
    expect(progressOf(practice(null), work)).toMatchObject({
      done: true,
      passed: null,
      completedAt: at("2025-03-04T10:10:00Z"),
      best: { percent: 80 },
    });
    // Nobody reached 90 %: not done, progress is the best score's share of the mark.
    const failed = progressOf(practice(90), work, AFTER_DUE);
    expect(failed).toMatchObject({
      done: false,
      passed: false,
      overdue: true,
      best: { percent: 80 },
    });
    expect(failed.progress).toBeCloseTo(80 / 90);
  });

  it("compares the pass mark with the rounded percent the learner sees", () => {
    const sevenOfNine = activity({
      practiceAttempts: [attempt({ ...inScope, questionCount: 9, answered: 9, correct: 7 })],
    });
    // 7 / 9 = 77.8 %, shown as 78 %.
    expect(progressOf(practice(78), sevenOfNine)).toMatchObject({
      passed: true,
      best: { percent: 78 },
    });
    expect(progressOf(practice(79), sevenOfNine)).toMatchObject({ passed: false, done: false });
    expect(
      progressOf(
        practice(0),
        activity({ practiceAttempts: [attempt({ ...inScope, correct: 0 })] }),
      ),
    ).toMatchObject({ done: true, passed: true, best: { percent: 0 } });
  });

  it("a late best: counted and marked late; the on-time best is kept apart", () => {
    const work = activity({
      practiceAttempts: [
        attempt({ ...inScope, attemptId: "early", correct: 3 }),
        attempt({
          ...inScope,
          attemptId: "late",
          correct: 5,
          startedAt: at("2025-03-11T09:00:00Z"),
          finishedAt: at("2025-03-11T09:10:00Z"),
        }),
      ],
    });
    expect(progressOf(practice(80), work, AFTER_DUE)).toMatchObject({
      done: true,
      late: true,
      completedAt: at("2025-03-11T09:10:00Z"),
      best: { percent: 100 },
      bestOnTime: { percent: 60 },
    });
  });

  it("picks the earlier of equal scores, whatever the row order", () => {
    const first = attempt({
      ...inScope,
      attemptId: "x",
      questionCount: 10,
      answered: 10,
      correct: 6,
    });
    const second = attempt({
      ...inScope,
      attemptId: "y",
      questionCount: 5,
      correct: 3,
      startedAt: at("2025-03-07T10:00:00Z"),
      finishedAt: at("2025-03-07T10:10:00Z"),
    });
    for (const rows of [
      [first, second],
      [second, first],
    ]) {
      expect(progressOf(practice(null), activity({ practiceAttempts: rows })).best).toEqual({
        earned: 6,
        possible: 10,
        percent: 60,
        finishedAt: first.finishedAt,
      });
    }
  });

  it("shows an unfinished test as progress, never as done", () => {
    const work = activity({
      practiceAttempts: [attempt({ ...inScope, finishedAt: null, answered: 2, correct: 2 })],
    });
    expect(progressOf(practice(null), work)).toMatchObject({
      done: false,
      progress: 0.4,
      best: null,
    });
    // Every answer in but not yet marked finished: still below 1.
    const allIn = activity({ practiceAttempts: [attempt({ ...inScope, finishedAt: null })] });
    expect(progressOf(practice(null), allIn).progress).toBeLessThan(1);
    // A test outside the scope shows nothing.
    const outside = activity({ practiceAttempts: [attempt({ finishedAt: null, answered: 4 })] });
    expect(progressOf(practice(null), outside).progress).toBe(0);
  });
});

describe("mock interview: one finished interview of N items", () => {
  const interview = (questionCount: number) =>
    makeAssignment({
      id: "interview-1",
      scope: { deckId: DECK.deckId, aspects: [], kinds: [] },
      task: { kind: "interview", questionCount },
    });

  it("is done with the first finished interview of at least N items on the deck", () => {
    const work = activity({
      interviewSessions: [
        session({
          sessionId: "short",
          itemCount: 4,
          checked: 4,
          finishedAt: at("2025-03-04T09:00:00Z"),
        }),
        session({ sessionId: "before", startedAt: at("2025-03-02T10:00:00Z") }),
        session({ sessionId: "other-deck", deckId: "other" }),
        session({
          sessionId: "ok",
          coveredPoints: 6,
          startedAt: at("2025-03-05T10:00:00Z"),
          finishedAt: at("2025-03-05T10:20:00Z"),
        }),
        session({
          sessionId: "better",
          coveredPoints: 9,
          startedAt: at("2025-03-11T10:00:00Z"),
          finishedAt: at("2025-03-11T10:20:00Z"),
        }),
      ],
    });
    expect(progressOf(interview(5), work, AFTER_DUE)).toMatchObject({
      kind: "interview",
      done: true,
      late: false,
      completedAt: at("2025-03-05T10:20:00Z"),
      best: { earned: 9, possible: 10, percent: 90 },
      bestOnTime: { earned: 6, percent: 60 },
      counted: 2,
      counts: { done: 1, total: 1, unit: "interview" },
    });
  });

  it("caps N at the deck's interview pool, and shows an unfinished interview as progress", () => {
    const four = activity({ interviewSessions: [session({ itemCount: 4, checked: 4 })] });
    expect(progressOf(interview(5), four).done).toBe(false);
    expect(progressOf(interview(5), four, BEFORE_DUE, { ...DECK, interviewPoolSize: 4 }).done).toBe(
      true,
    );
    const midway = activity({ interviewSessions: [session({ finishedAt: null, checked: 2 })] });
    expect(progressOf(interview(5), midway)).toMatchObject({ done: false, progress: 0.4 });
  });
});

describe("the whole class at once", () => {
  it("gives the same rows as one learner at a time, learners × assignments in order", () => {
    const assignments = [
      makeAssignment(),
      makeAssignment({
        id: "test-1",
        scope: { deckId: DECK.deckId, aspects: [], kinds: [] },
        task: { kind: "practice", questionCount: 5, passMark: 60 },
      }),
      makeAssignment({
        id: "interview-1",
        scope: { deckId: DECK.deckId, aspects: [], kinds: [] },
        task: { kind: "interview", questionCount: 5 },
        openAt: at("2025-03-20T08:00:00Z"),
        dueAt: at("2025-03-27T08:00:00Z"),
      }),
    ];
    const work = activity({
      firstGoodAnswers: [
        ...allFive,
        good("n1", "2025-03-05T09:00:00Z", "bob"),
        good("n1", "2025-03-05T09:00:00Z", "bob", "test-1"),
      ],
      practiceAttempts: [
        attempt({ learnerId: "bob", correct: 3 }),
        attempt({ learnerId: "ann", correct: 2, finishedAt: null, answered: 4 }),
      ],
      interviewSessions: [
        session({
          learnerId: "bob",
          startedAt: at("2025-03-21T08:00:00Z"),
          finishedAt: at("2025-03-21T08:20:00Z"),
        }),
        // Ann's was before this interview assignment opened.
        session({ learnerId: "ann" }),
      ],
    });
    const learnerIds = ["bob", "ann", "cid"];
    const now = at("2025-03-28T00:00:00Z");
    const rows = deriveClassProgress({
      assignments,
      decks: [DECK],
      learnerIds,
      activity: work,
      now,
    });
    expect(rows.map((row) => `${row.learnerId}/${row.assignmentId}`)).toEqual(
      learnerIds.flatMap((learnerId) => assignments.map((a) => `${learnerId}/${a.id}`)),
    );
    const oneByOne = learnerIds.flatMap((learnerId) =>
      assignments.map((assignment) =>
        deriveProgress({ assignment, deck: DECK, learnerId, activity: work, now }),
      ),
    );
    expect(rows).toEqual(oneByOne);
    expect(
      rows.filter((row) => row.done).map((row) => `${row.learnerId}/${row.assignmentId}`),
    ).toEqual(["bob/test-1", "bob/interview-1", "ann/study-1"]);
  });

  it("counts nothing on a deck that is gone", () => {
    const assignments = [
      makeAssignment(),
      makeAssignment({
        id: "test-1",
        task: { kind: "practice", questionCount: 5, passMark: null },
      }),
      makeAssignment({
        id: "interview-1",
        scope: { deckId: DECK.deckId, aspects: [], kinds: [] },
        task: { kind: "interview", questionCount: 5 },
      }),
    ];
    const rows = deriveClassProgress({
      assignments,
      decks: [],
      learnerIds: ["ann"],
      activity: activity({
        firstGoodAnswers: allFive,
        practiceAttempts: [attempt({ aspects: ["networking"] })],
        interviewSessions: [session({})],
      }),
      now: BEFORE_DUE,
    });
    expect(rows.map((row) => [row.assignmentId, row.done, row.counted, row.counts.total])).toEqual([
      ["study-1", false, 0, 0],
      ["test-1", false, 0, 1],
      ["interview-1", false, 0, 1],
    ]);
  });
});

it("OPEN_AT and DUE_AT frame a week", () => {
  // The fixtures' instants the cases above are written against.
  expect(DUE_AT.getTime() - OPEN_AT.getTime()).toBe((7 * 24 + 12) * 3_600_000);
});
