import type {
  Assignment,
  DeckFacts,
  FirstGoodAnswer,
  InterviewSessionSummary,
  LearnerActivity,
  PracticeAttemptSummary,
} from "@/lib/core/classes";

/** Shared by the classes tests: one deck, fixed instants, row builders with defaults. */

export const at = (iso: string) => new Date(iso);

export const DECK: DeckFacts = {
  deckId: "containers-vs-pods.en",
  questions: [
    { id: "n1", aspect: "networking", kind: "multiple-choice" },
    { id: "n2", aspect: "networking", kind: "true-false" },
    { id: "n3", aspect: "networking", kind: "cloze" },
    { id: "i1", aspect: "isolation", kind: "multiple-choice" },
    { id: "i2", aspect: "isolation", kind: "true-false" },
    { id: "l1", aspect: "lifecycle", kind: "definition" },
  ],
  interviewPoolSize: 12,
};

export const OPEN_AT = at("2025-03-03T08:00:00Z");
export const DUE_AT = at("2025-03-10T20:00:00Z");

export function makeAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: "study-1",
    title: "Networking and isolation",
    scope: { deckId: DECK.deckId, aspects: ["isolation", "networking"], kinds: [] },
    task: { kind: "study", questionCount: null },
    openAt: OPEN_AT,
    dueAt: DUE_AT,
    ...overrides,
  };
}

export function good(
  questionId: string,
  iso: string,
  learnerId = "ann",
  assignmentId = "study-1",
): FirstGoodAnswer {
  return { assignmentId, learnerId, questionId, at: at(iso) };
}

export function attempt(overrides: Partial<PracticeAttemptSummary>): PracticeAttemptSummary {
  return {
    attemptId: "a",
    learnerId: "ann",
    deckId: DECK.deckId,
    aspects: [],
    kinds: [],
    isRetry: false,
    questionCount: 5,
    answered: 5,
    correct: 5,
    startedAt: at("2025-03-04T10:00:00Z"),
    finishedAt: at("2025-03-04T10:10:00Z"),
    ...overrides,
  };
}

export function session(overrides: Partial<InterviewSessionSummary>): InterviewSessionSummary {
  return {
    sessionId: "s",
    learnerId: "ann",
    deckId: DECK.deckId,
    itemCount: 5,
    checked: 5,
    coveredPoints: 8,
    totalPoints: 10,
    startedAt: at("2025-03-04T10:00:00Z"),
    finishedAt: at("2025-03-04T10:20:00Z"),
    ...overrides,
  };
}

export function activity(overrides: Partial<LearnerActivity> = {}): LearnerActivity {
  return { firstGoodAnswers: [], practiceAttempts: [], interviewSessions: [], ...overrides };
}
