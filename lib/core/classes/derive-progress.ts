import { percentOf } from "@/lib/core/practice/aspect-scores";
import { Rating } from "@/lib/core/study/rating";
import {
  countRequired,
  findAssignmentPhase,
  isQuestionInScope,
  listScopeQuestions,
  type Assignment,
  type AssignmentKind,
  type AssignmentPhase,
  type DeckFacts,
} from "./assignment";

/*
 * Progress on an assignment is derived, never stored: from the learner's review logs, practice
 * tests and interviews, read through the assignment as it is defined now. The inputs are the
 * rows grouped SQL returns (one per learner and question, per test, per interview), so a class
 * with hundreds of thousands of review logs never loads them.
 */

/**
 * The first Good or Easy answer of a learner to a question at or after an assignment opened:
 * `MIN(reviewedAt)` of review logs with `rating >= GOOD_RATING` and `reviewedAt >= openAt`,
 * grouped by assignment, learner and question.
 */
export interface FirstGoodAnswer {
  assignmentId: string;
  learnerId: string;
  questionId: string;
  at: Date;
}

/**
 * A study assignment's goal for one learner, counted by the database instead of row by row (the
 * teacher's dashboard: one row per student and assignment instead of one per question).
 */
export interface StudyGoalTally {
  assignmentId: string;
  learnerId: string;
  /** In-scope live questions with a Good or Easy answer since the opening. */
  answered: number;
  /** The first Good or Easy answer of the `required`-th of them (`countRequired` on the same
   *  deck facts) in time order; null while fewer are answered. */
  metAt: Date | null;
}

/** A practice test as the counting rule needs it (one row per attempt). */
export interface PracticeAttemptSummary {
  attemptId: string;
  learnerId: string;
  deckId: string;
  /** The attempt's own filters; empty means every aspect (kind). */
  aspects: readonly string[];
  kinds: readonly string[];
  /** A "retry the ones I missed" test: it asks only missed questions, so it never counts. */
  isRetry: boolean;
  /** Questions the test asks. */
  questionCount: number;
  answered: number;
  correct: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A mock interview as the counting rule needs it (one row per session). */
export interface InterviewSessionSummary {
  sessionId: string;
  learnerId: string;
  deckId: string;
  /** Items the interview asks. */
  itemCount: number;
  /** Items checked so far (the learner ticked the key points). */
  checked: number;
  /** Key points ticked out of every key point of the interview. */
  coveredPoints: number;
  totalPoints: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** Ratings that meet a study goal: Good (3) and Easy (4), ts-fsrs numbering. */
export const GOOD_RATING = Rating.Good;

export interface AssignmentScore {
  /** Practice: questions right; interview: key points covered. */
  earned: number;
  possible: number;
  /** Rounded like the practice and interview result pages. */
  percent: number;
  finishedAt: Date;
}

export type ProgressUnit = "question" | "test" | "interview";

export interface AssignmentProgress {
  assignmentId: string;
  learnerId: string;
  kind: AssignmentKind;
  phase: AssignmentPhase;
  /** 0..1; 1 exactly when done. */
  progress: number;
  done: boolean;
  /** When the goal was first met; null while it is not. */
  completedAt: Date | null;
  /** Done, but after the due date. */
  late: boolean;
  /** Not done, and the due date has passed. */
  overdue: boolean;
  /** What the bar says: "12 of 20 questions", "0 of 1 test". */
  counts: { done: number; total: number; unit: ProgressUnit };
  /** Practice: best counted test; interview: best finished interview. Null for study. */
  best: AssignmentScore | null;
  /** The best among those finished by the due date, for teachers who grade only on-time work. */
  bestOnTime: AssignmentScore | null;
  /** Practice with a pass mark: whether a counted test reached it. Null otherwise. */
  passed: boolean | null;
  /** Tests or interviews that count for the assignment. */
  counted: number;
}

export interface LearnerActivity {
  /** Rows of this learner (others are ignored). */
  firstGoodAnswers: readonly FirstGoodAnswer[];
  /** When given, the study goals as counted already: `firstGoodAnswers` is then not read. */
  studyGoals?: readonly StudyGoalTally[];
  practiceAttempts: readonly PracticeAttemptSummary[];
  interviewSessions: readonly InterviewSessionSummary[];
}

// Not done is below 1 even when an unfinished test has every answer in (a moment before the
// server marks it finished).
const NOT_DONE_CAP = 0.99;

/** What every learner's derivation of one assignment shares, worked out once. */
interface PreparedAssignment {
  assignment: Assignment;
  /** N, or fewer when the scope (or the interview pool) has shrunk below it. */
  required: number;
  scopeIds: ReadonlySet<string>;
  /** Whether a test with these filters draws only from the scope, memoized per filter set. */
  drawsWithinScope: (attempt: PracticeAttemptSummary) => boolean;
}

function prepareAssignment(assignment: Assignment, deck: DeckFacts): PreparedAssignment {
  const live = deck.deckId === assignment.scope.deckId ? deck.questions : [];
  const memo = new Map<string, boolean>();
  return {
    assignment,
    required: countRequired(assignment, deck),
    scopeIds: new Set(listScopeQuestions(assignment.scope, deck).map((question) => question.id)),
    drawsWithinScope: (attempt) => {
      const filters = { aspects: attempt.aspects, kinds: attempt.kinds };
      // Cheap key; the same filters listed in another order only miss the cache.
      const key = `${filters.aspects.join(",")}|${filters.kinds.join(",")}`;
      let within = memo.get(key);
      if (within === undefined) {
        within = live
          .filter((question) => isQuestionInScope(question, filters))
          .every((question) => isQuestionInScope(question, assignment.scope));
        memo.set(key, within);
      }
      return within;
    },
  };
}

/** Progress of one learner on one assignment. */
export function deriveProgress(input: {
  assignment: Assignment;
  deck: DeckFacts;
  learnerId: string;
  activity: LearnerActivity;
  now: Date;
}): AssignmentProgress {
  const { assignment, learnerId, activity } = input;
  return deriveFromActivity(prepareAssignment(assignment, input.deck), learnerId, input.now, {
    firstGoodAnswers: activity.firstGoodAnswers.filter(
      (row) => row.learnerId === learnerId && row.assignmentId === assignment.id,
    ),
    practiceAttempts: activity.practiceAttempts.filter((row) => row.learnerId === learnerId),
    interviewSessions: activity.interviewSessions.filter((row) => row.learnerId === learnerId),
    ...(activity.studyGoals && {
      studyGoals: activity.studyGoals.filter(
        (row) => row.learnerId === learnerId && row.assignmentId === assignment.id,
      ),
    }),
  });
}

/**
 * `activity` holds this learner's rows only (and, for study, this assignment's); with
 * `studyGoals`, this learner's tally of this assignment (none: nothing answered yet).
 */
function deriveFromActivity(
  prepared: PreparedAssignment,
  learnerId: string,
  now: Date,
  activity: LearnerActivity,
): AssignmentProgress {
  const { assignment } = prepared;
  const outcome =
    assignment.task.kind === "study"
      ? deriveStudyOutcome(
          prepared,
          activity.studyGoals
            ? (activity.studyGoals[0] ?? { answered: 0, metAt: null })
            : tallyStudyGoal(prepared, activity.firstGoodAnswers),
        )
      : assignment.task.kind === "practice"
        ? derivePracticeOutcome(prepared, assignment.task.passMark, activity.practiceAttempts)
        : deriveInterviewOutcome(prepared, activity.interviewSessions);
  const completedAt = outcome.completedAt;
  const done = completedAt !== null;
  return {
    assignmentId: assignment.id,
    learnerId,
    kind: assignment.task.kind,
    phase: findAssignmentPhase(assignment, now),
    progress: done ? 1 : Math.min(NOT_DONE_CAP, Math.max(0, outcome.partial)),
    done,
    completedAt,
    late: done && completedAt.getTime() > assignment.dueAt.getTime(),
    overdue: !done && now.getTime() > assignment.dueAt.getTime(),
    counts: outcome.counts,
    best: outcome.best,
    bestOnTime: outcome.bestOnTime,
    passed: outcome.passed,
    counted: outcome.counted,
  };
}

interface Outcome {
  completedAt: Date | null;
  /** Progress while not done. */
  partial: number;
  counts: AssignmentProgress["counts"];
  best: AssignmentScore | null;
  bestOnTime: AssignmentScore | null;
  passed: boolean | null;
  counted: number;
}

/**
 * The study goal's tally from the first Good or Easy answers (what the database counts for the
 * dashboard): in-scope questions answered since the opening, and when the `required`-th of them
 * in time order got its first one.
 */
function tallyStudyGoal(
  { assignment, required, scopeIds }: PreparedAssignment,
  rows: readonly FirstGoodAnswer[],
): Pick<StudyGoalTally, "answered" | "metAt"> {
  const openAt = assignment.openAt.getTime();
  const firstByQuestion = new Map<string, number>();
  for (const row of rows) {
    const at = row.at.getTime();
    // The server filters the same way; repeated so that rows read for a wider scope or an
    // earlier opening cannot count.
    if (!scopeIds.has(row.questionId) || at < openAt) continue;
    const known = firstByQuestion.get(row.questionId);
    if (known === undefined || at < known) firstByQuestion.set(row.questionId, at);
  }
  const times = [...firstByQuestion.values()].sort((a, b) => a - b);
  const metAt = required > 0 ? times[required - 1] : undefined;
  return { answered: times.length, metAt: metAt === undefined ? null : new Date(metAt) };
}

/**
 * Study: the goal is met when `required` distinct in-scope questions have a Good or Easy
 * answer since the opening, at the moment the last of them got its first one.
 */
function deriveStudyOutcome(
  { required }: PreparedAssignment,
  tally: Pick<StudyGoalTally, "answered" | "metAt">,
): Outcome {
  const reached = Math.min(tally.answered, required);
  return {
    completedAt: required > 0 && tally.answered >= required ? tally.metAt : null,
    partial: required > 0 ? reached / required : 0,
    counts: { done: reached, total: required, unit: "question" },
    best: null,
    bestOnTime: null,
    passed: null,
    counted: 0,
  };
}

/**
 * Whether a practice test counts for a practice assignment:
 *   - on the assignment's deck, started at or after the opening, and finished (every question
 *     answered); a test begun before the opening does not count even if finished after;
 *   - not a retry of missed questions (it asks only what was wrong: its score says little);
 *   - asking at least N questions (fewer when the scope now has fewer than N);
 *   - drawn from within the scope: every live question of the deck the test's own filters
 *     could pick is one the assignment's scope covers. The test the assignment's button starts
 *     (same filters) counts; so does a narrower one the learner set up; a test that could draw
 *     other aspects or kinds does not. Widening a scope therefore keeps every test that counted.
 * Finished after the due date still counts; the completion is then late.
 */
function isAttemptEligible(prepared: PreparedAssignment, attempt: PracticeAttemptSummary): boolean {
  const { assignment } = prepared;
  return (
    attempt.deckId === assignment.scope.deckId &&
    !attempt.isRetry &&
    attempt.startedAt.getTime() >= assignment.openAt.getTime() &&
    // Nothing in scope (a deck emptied by edits) leaves nothing to count.
    prepared.required > 0 &&
    attempt.questionCount >= prepared.required &&
    prepared.drawsWithinScope(attempt)
  );
}

function isFinished(attempt: PracticeAttemptSummary): attempt is PracticeAttemptSummary & {
  finishedAt: Date;
} {
  return attempt.finishedAt !== null && attempt.answered >= attempt.questionCount;
}

/** The counting rule above, for one test (the server can use it to link tests to assignments). */
export function isAttemptCounted(
  attempt: PracticeAttemptSummary,
  assignment: Assignment,
  deck: DeckFacts,
): boolean {
  return isFinished(attempt) && isAttemptEligible(prepareAssignment(assignment, deck), attempt);
}

function toScore(earned: number, possible: number, finishedAt: Date): AssignmentScore {
  return { earned, possible, percent: percentOf(earned, possible), finishedAt };
}

/** Higher share first (compared exactly, not by rounded percent), then the earlier one. */
function compareScores(a: AssignmentScore, b: AssignmentScore): number {
  return (
    b.earned * a.possible - a.earned * b.possible || a.finishedAt.getTime() - b.finishedAt.getTime()
  );
}

function pickBest(scores: readonly AssignmentScore[]): AssignmentScore | null {
  return [...scores].sort(compareScores)[0] ?? null;
}

function pickBestBy(scores: readonly AssignmentScore[], dueAt: Date): AssignmentScore | null {
  return pickBest(scores.filter((score) => score.finishedAt.getTime() <= dueAt.getTime()));
}

function findEarliest(scores: readonly AssignmentScore[]): Date | null {
  const times = scores.map((score) => score.finishedAt.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/**
 * Practice: done with the first counted test (with a pass mark, the first that reached it; the
 * mark is compared with the rounded percent the learner is shown, so "78 %" never fails a
 * 78 % mark). While not done, progress is how far an unfinished eligible test has got or the
 * best score as a share of the pass mark, whichever is further.
 */
function derivePracticeOutcome(
  prepared: PreparedAssignment,
  passMark: number | null,
  attempts: readonly PracticeAttemptSummary[],
): Outcome {
  const eligible = attempts.filter((attempt) => isAttemptEligible(prepared, attempt));
  const scores = eligible
    .filter(isFinished)
    .map((attempt) => toScore(attempt.correct, attempt.questionCount, attempt.finishedAt));
  const passing = passMark === null ? scores : scores.filter((score) => score.percent >= passMark);
  const completedAt = findEarliest(passing);
  const best = pickBest(scores);
  const unfinished = eligible
    .filter((attempt) => !isFinished(attempt) && attempt.questionCount > 0)
    .map((attempt) => attempt.answered / attempt.questionCount);
  return {
    completedAt,
    partial: Math.max(0, best && passMark ? best.percent / passMark : 0, ...unfinished),
    counts: { done: completedAt ? 1 : 0, total: 1, unit: "test" },
    best,
    bestOnTime: pickBestBy(scores, prepared.assignment.dueAt),
    passed: passMark === null ? null : passing.length > 0,
    counted: scores.length,
  };
}

/**
 * Which interviews count: on the deck, started at or after the opening, asking at least N
 * items (fewer when the deck's interview pool is now smaller), and finished (every item
 * checked). Done with the first such interview; its key-point score is shown, never required.
 */
function deriveInterviewOutcome(
  { assignment, required }: PreparedAssignment,
  sessions: readonly InterviewSessionSummary[],
): Outcome {
  const eligible = sessions.filter(
    (session) =>
      session.deckId === assignment.scope.deckId &&
      session.startedAt.getTime() >= assignment.openAt.getTime() &&
      required > 0 &&
      session.itemCount >= required,
  );
  const scores = eligible.flatMap((session) =>
    session.finishedAt
      ? [toScore(session.coveredPoints, session.totalPoints, session.finishedAt)]
      : [],
  );
  const completedAt = findEarliest(scores);
  const unfinished = eligible
    .filter((session) => session.finishedAt === null && session.itemCount > 0)
    .map((session) => session.checked / session.itemCount);
  return {
    completedAt,
    partial: Math.max(0, ...unfinished),
    counts: { done: completedAt ? 1 : 0, total: 1, unit: "interview" },
    best: pickBest(scores),
    bestOnTime: pickBestBy(scores, assignment.dueAt),
    passed: null,
    counted: scores.length,
  };
}

interface MutableActivity {
  firstGoodAnswers: FirstGoodAnswer[];
  practiceAttempts: PracticeAttemptSummary[];
  interviewSessions: InterviewSessionSummary[];
}

function emptyActivity(): MutableActivity {
  return { firstGoodAnswers: [], practiceAttempts: [], interviewSessions: [] };
}

/**
 * Progress of every learner on every assignment: rows learner by learner, in the order of
 * `learnerIds`, then of `assignments`. Activity rows are bucketed once (by learner, and study
 * rows by learner and assignment), so the cost grows with the rows, not learners × rows.
 */
export function deriveClassProgress(input: {
  assignments: readonly Assignment[];
  decks: readonly DeckFacts[];
  learnerIds: readonly string[];
  activity: LearnerActivity;
  now: Date;
}): AssignmentProgress[] {
  const decks = new Map(input.decks.map((deck) => [deck.deckId, deck]));
  const prepared = input.assignments.map((assignment) =>
    prepareAssignment(
      assignment,
      // A deck that is gone has no live questions: nothing in scope, nothing counts.
      decks.get(assignment.scope.deckId) ?? {
        deckId: assignment.scope.deckId,
        questions: [],
        interviewPoolSize: 0,
      },
    ),
  );
  const byLearner = new Map<string, MutableActivity>();
  // Nested maps, not joined string keys: building ~10^5 keys costs more than the derivation.
  const goodByLearner = new Map<string, Map<string, FirstGoodAnswer[]>>();
  const bucket = (learnerId: string) => {
    let activity = byLearner.get(learnerId);
    if (!activity) {
      activity = emptyActivity();
      byLearner.set(learnerId, activity);
    }
    return activity;
  };
  for (const row of input.activity.firstGoodAnswers) {
    let byAssignment = goodByLearner.get(row.learnerId);
    if (!byAssignment) {
      byAssignment = new Map();
      goodByLearner.set(row.learnerId, byAssignment);
    }
    const rows = byAssignment.get(row.assignmentId);
    if (rows) rows.push(row);
    else byAssignment.set(row.assignmentId, [row]);
  }
  const goals = input.activity.studyGoals;
  const goalByLearner = new Map<string, Map<string, StudyGoalTally>>();
  for (const row of goals ?? []) {
    let byAssignment = goalByLearner.get(row.learnerId);
    if (!byAssignment) {
      byAssignment = new Map();
      goalByLearner.set(row.learnerId, byAssignment);
    }
    byAssignment.set(row.assignmentId, row);
  }
  for (const row of input.activity.practiceAttempts)
    bucket(row.learnerId).practiceAttempts.push(row);
  for (const row of input.activity.interviewSessions)
    bucket(row.learnerId).interviewSessions.push(row);

  const none = emptyActivity();
  return input.learnerIds.flatMap((learnerId) => {
    const activity = byLearner.get(learnerId) ?? none;
    return prepared.map((entry) =>
      deriveFromActivity(entry, learnerId, input.now, {
        ...activity,
        firstGoodAnswers: goodByLearner.get(learnerId)?.get(entry.assignment.id) ?? [],
        ...(goals && {
          studyGoals: [goalByLearner.get(learnerId)?.get(entry.assignment.id)].flatMap(
            (goal) => goal ?? [],
          ),
        }),
      }),
    );
  });
}
