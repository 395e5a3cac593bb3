import { z } from "zod";
import {
  AssignmentScopeSchema,
  AssignmentTaskSchema,
  deriveClassProgress,
  type Assignment,
  type AssignmentProgress,
  type DeckFacts,
  type FirstGoodAnswer,
  type InterviewSessionSummary,
  type LearnerActivity,
  type PracticeAttemptSummary,
  type StudyGoalTally,
} from "@/lib/core/classes";
import { countRequired } from "@/lib/core/classes/assignment";
import { buildInterviewPool } from "@/lib/core/practice/build-interview-pool";
import { parseDeckDocument } from "@/lib/core/practice/parse-deck-document";
import { scoreInterview } from "@/lib/core/practice/score-interview";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { listActiveQuestions } from "../decks/active-questions";
import { parseDeckSummary } from "../decks/deck-summary";
import { NotFoundError } from "../errors";
import { parseInterviewItems } from "../practice/interview-queries";

/*
 * Progress on a class's assignments, derived from what the students did in /study, /practice
 * and /interview (lib/core/classes/derive-progress.ts); nothing is stored.
 *
 * API
 *   getClassProgress(db, { teacherId, classId, now })        the teacher's view: every enrolled
 *     student × every assignment. Another teacher's class is a NotFoundError.
 *   getStudentClassProgress(db, { learnerId, classId, now }) one student's own rows. A class the
 *     learner is not enrolled in (never joined, left, removed) is a NotFoundError.
 *   Both return ClassProgress: assignments (by due date), the decks' facts, the learners, the
 *   activity rows and `progress` (deriveClassProgress: learner by learner, assignment by
 *   assignment, in those orders). The teacher's view counts the study goals in SQL
 *   (`activity.studyGoals`, no first-answer rows); a student's view reads their rows.
 * Building blocks, unscoped (call them only after the caller's access is checked):
 *   listClassAssignments, loadDeckFacts, loadClassActivity, loadStudyGoalTallies (the grouped
 *   reads below).
 *
 * Cost: review logs are never loaded. Study goals read the kept AssignmentFirstGood table: for
 * the whole class one row per (assignment, student) counted over a covering index, for one
 * student one row per question answered Good or Easy since the opening; practice tests one row
 * per test on an assigned deck since the earliest opening (answers counted in SQL); interviews
 * one row per interview on an assigned deck since the earliest opening (with its items, which
 * the key-point total needs: interviews are few, each takes minutes).
 *
 * Dates: SQLite keeps DateTime as ISO text; a column read raw comes back as a Date, an
 * aggregate of one (MIN) as text, so every date read raw goes through `DateSchema`. Parameters
 * are bound as the same text, so comparisons in SQL are exact on both SQLite and PostgreSQL.
 */

export interface ClassProgress {
  assignments: Assignment[];
  decks: DeckFacts[];
  learnerIds: string[];
  activity: LearnerActivity;
  progress: AssignmentProgress[];
}

const DateSchema = z.coerce.date();
const NullableDateSchema = z.union([z.null(), DateSchema]);
const CountSchema = z.coerce.number().int().min(0);

export const assignmentSelect = {
  id: true,
  title: true,
  deckId: true,
  aspects: true,
  kinds: true,
  kind: true,
  questionCount: true,
  passMark: true,
  openAt: true,
  dueAt: true,
} as const;

export type AssignmentRow = Prisma.AssignmentGetPayload<{ select: typeof assignmentSelect }>;

/** A stored row as the core's Assignment; the JSON columns are checked, not trusted. */
export function toAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    title: row.title,
    scope: AssignmentScopeSchema.parse({
      deckId: row.deckId,
      aspects: JSON.parse(row.aspects),
      kinds: JSON.parse(row.kinds),
    }),
    task: AssignmentTaskSchema.parse({
      kind: row.kind,
      questionCount: row.questionCount,
      passMark: row.passMark,
    }),
    openAt: row.openAt,
    dueAt: row.dueAt,
  };
}

/** The class's assignments, the nearest due date first. */
export async function listClassAssignments(db: Db, classId: string): Promise<Assignment[]> {
  const rows = await db.assignment.findMany({
    where: { classId },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: assignmentSelect,
  });
  return rows.map(toAssignment);
}

/**
 * Interview pool sizes by deck and content version: building the pool parses the document, and
 * a deck's pool changes only when a sync bumps its version.
 */
const poolSizes = new Map<string, { contentVersion: number; size: number }>();

/** Live questions and interview pool size of each deck (a deck that is gone is left out). */
export async function loadDeckFacts(db: Db, deckIds: readonly string[]): Promise<DeckFacts[]> {
  const ids = [...new Set(deckIds)];
  if (ids.length === 0) return [];
  const [questions, versions] = await Promise.all([
    listActiveQuestions(db, ids),
    db.deck.findMany({ where: { id: { in: ids } }, select: { id: true, contentVersion: true } }),
  ]);
  const stale = versions.filter((d) => poolSizes.get(d.id)?.contentVersion !== d.contentVersion);
  if (stale.length > 0) {
    const documents = await db.deck.findMany({
      where: { id: { in: stale.map((d) => d.id) } },
      select: { id: true, contentVersion: true, summary: true, sourceMarkdown: true },
    });
    for (const deck of documents) {
      const document = parseDeckDocument({
        markdown: deck.sourceMarkdown,
        summary: parseDeckSummary(deck.summary),
      });
      const pool = buildInterviewPool({
        document,
        questions: questions.filter((q) => q.deckId === deck.id).map((q) => q.question),
      });
      poolSizes.set(deck.id, { contentVersion: deck.contentVersion, size: pool.length });
    }
  }
  return versions.map((deck) => ({
    deckId: deck.id,
    questions: questions
      .filter((q) => q.deckId === deck.id)
      .map((q) => ({ id: q.id, aspect: q.aspect, kind: q.kind })),
    interviewPoolSize: poolSizes.get(deck.id)?.size,
  }));
}

export interface ActivityScope {
  classId: string;
  assignments: readonly Assignment[];
  /** One student's rows only; omitted: every student enrolled now. */
  learnerId?: string;
}

/** Enrolled students only: a student who left or was removed has no rows in the class. */
function enrolledSql(scope: ActivityScope, learnerColumn: Prisma.Sql): Prisma.Sql {
  return scope.learnerId === undefined
    ? Prisma.sql`e."classId" = ${scope.classId} AND e."learnerId" = ${learnerColumn}`
    : Prisma.sql`e."classId" = ${scope.classId} AND e."learnerId" = ${scope.learnerId}
        AND ${learnerColumn} = ${scope.learnerId}`;
}

/**
 * The study assignments' first Good or Easy answers of the enrolled students since each opened,
 * from AssignmentFirstGood: the database keeps those rows in step with every answer, enrolment
 * and assignment change (triggers in the migration `class_progress`), so this reads one row per
 * student and question answered instead of seeking every student's answers to every question.
 * Rows of retired questions are skipped. Exported for the query-plan test.
 */
export function firstGoodAnswersSql(scope: ActivityScope, assignmentIds: readonly string[]) {
  const learnerSql =
    scope.learnerId === undefined
      ? Prisma.empty
      : Prisma.sql`AND f."learnerId" = ${scope.learnerId}`;
  return Prisma.sql`SELECT f."assignmentId" AS "assignmentId", f."learnerId" AS "learnerId",
      f."questionId" AS "questionId", f."at" AS "at"
    FROM "AssignmentFirstGood" f
    JOIN "Enrollment" e ON e."classId" = ${scope.classId} AND e."learnerId" = f."learnerId"
    JOIN "Question" q ON q."id" = f."questionId"
    WHERE f."assignmentId" IN (${Prisma.join(assignmentIds)}) ${learnerSql}
      AND q."retiredAt" IS NULL`;
}

const FirstGoodRowSchema = z.object({
  assignmentId: z.string(),
  learnerId: z.string(),
  questionId: z.string(),
  at: DateSchema,
});

/** Every study assignment's first Good or Easy answers, in one read. */
export async function loadFirstGoodAnswers(
  db: Db,
  scope: ActivityScope,
): Promise<FirstGoodAnswer[]> {
  const study = scope.assignments.filter((a) => a.task.kind === "study").map((a) => a.id);
  if (study.length === 0) return [];
  const raw = await db.$queryRaw<unknown[]>(firstGoodAnswersSql(scope, study));
  return raw.map((value) => FirstGoodRowSchema.parse(value));
}

/**
 * One study assignment's goal per enrolled student, counted in SQL from AssignmentFirstGood:
 * the live questions of its scope (deck, aspects, kinds: the core's isQuestionInScope) answered
 * Good or Easy since the opening, and the first such answer of the `required`-th of them in time
 * order (an index range per student: the covering index on assignment, learner and time). One
 * row per student with answers instead of one per student and question. Exported for the
 * query-plan test.
 */
export function studyGoalTalliesSql(classId: string, assignment: Assignment, required: number) {
  const { deckId, aspects, kinds } = assignment.scope;
  const inScope = (q: Prisma.Sql) =>
    Prisma.sql`${q}."deckId" = ${deckId} AND ${q}."retiredAt" IS NULL
      ${aspects.length > 0 ? Prisma.sql`AND ${q}."aspect" IN (${Prisma.join([...aspects])})` : Prisma.empty}
      ${kinds.length > 0 ? Prisma.sql`AND ${q}."kind" IN (${Prisma.join([...kinds])})` : Prisma.empty}`;
  return Prisma.sql`SELECT f."learnerId" AS "learnerId", COUNT(*) AS "answered",
      (SELECT g."at" FROM "AssignmentFirstGood" g
        JOIN "Question" gq ON gq."id" = g."questionId"
        WHERE g."assignmentId" = ${assignment.id} AND g."learnerId" = f."learnerId"
          AND g."at" >= ${assignment.openAt} AND ${inScope(Prisma.sql`gq`)}
        ORDER BY g."at" LIMIT 1 OFFSET ${required - 1}) AS "metAt"
    FROM "AssignmentFirstGood" f
    JOIN "Enrollment" e ON e."classId" = ${classId} AND e."learnerId" = f."learnerId"
    JOIN "Question" q ON q."id" = f."questionId"
    WHERE f."assignmentId" = ${assignment.id} AND f."at" >= ${assignment.openAt}
      AND ${inScope(Prisma.sql`q`)}
    GROUP BY f."learnerId"`;
}

const StudyGoalRowSchema = z.object({
  learnerId: z.string(),
  answered: CountSchema,
  metAt: NullableDateSchema,
});

/**
 * Every study assignment's goal per enrolled student (studyGoalTalliesSql), one read per
 * assignment; an assignment with nothing in scope on the deck as it is now has none.
 */
export async function loadStudyGoalTallies(
  db: Db,
  options: { classId: string; assignments: readonly Assignment[]; decks: readonly DeckFacts[] },
): Promise<StudyGoalTally[]> {
  const decks = new Map(options.decks.map((deck) => [deck.deckId, deck]));
  const reads = options.assignments.flatMap((assignment) => {
    const deck = decks.get(assignment.scope.deckId);
    const required = deck && assignment.task.kind === "study" ? countRequired(assignment, deck) : 0;
    if (required === 0) return [];
    return [
      db
        .$queryRaw<unknown[]>(studyGoalTalliesSql(options.classId, assignment, required))
        .then((raw) =>
          raw.map((value): StudyGoalTally => {
            const row = StudyGoalRowSchema.parse(value);
            return { assignmentId: assignment.id, ...row };
          }),
        ),
    ];
  });
  return (await Promise.all(reads)).flat();
}

/** The decks of these assignments and the earliest opening among them, or null for none. */
function assignedDecks(assignments: readonly Assignment[], kind: "practice" | "interview") {
  const ofKind = assignments.filter((a) => a.task.kind === kind);
  if (ofKind.length === 0) return null;
  return {
    deckIds: [...new Set(ofKind.map((a) => a.scope.deckId))],
    since: new Date(Math.min(...ofKind.map((a) => a.openAt.getTime()))),
  };
}

const PracticeRowSchema = z.object({
  id: z.string(),
  learnerId: z.string(),
  deckId: z.string(),
  filters: z.string(),
  questionIds: z.string(),
  retryOfId: z.string().nullable(),
  startedAt: DateSchema,
  finishedAt: NullableDateSchema,
  answered: CountSchema,
  correct: CountSchema,
});

const StoredFiltersSchema = z.object({
  aspects: z.array(z.string()).default([]),
  kinds: z.array(z.string()).default([]),
});
const QuestionIdsSchema = z.array(z.string());

/** Practice tests on the assigned decks started since the earliest opening, answers counted in SQL. */
export async function loadPracticeAttemptSummaries(
  db: Db,
  scope: ActivityScope,
): Promise<PracticeAttemptSummary[]> {
  const decks = assignedDecks(scope.assignments, "practice");
  if (!decks) return [];
  const raw = await db.$queryRaw<unknown[]>`
    SELECT p."id" AS "id", p."learnerId" AS "learnerId", p."deckId" AS "deckId",
      p."filters" AS "filters", p."questionIds" AS "questionIds", p."retryOfId" AS "retryOfId",
      p."startedAt" AS "startedAt", p."finishedAt" AS "finishedAt",
      (SELECT COUNT(*) FROM "PracticeAnswer" a WHERE a."attemptId" = p."id") AS "answered",
      (SELECT COUNT(*) FROM "PracticeAnswer" a
        WHERE a."attemptId" = p."id" AND a."correct" = ${true}) AS "correct"
    FROM "Enrollment" e
    JOIN "PracticeAttempt" p ON ${enrolledSql(scope, Prisma.sql`p."learnerId"`)}
    WHERE p."deckId" IN (${Prisma.join(decks.deckIds)}) AND p."startedAt" >= ${decks.since}`;
  return raw.map((value) => {
    const row = PracticeRowSchema.parse(value);
    const filters = StoredFiltersSchema.parse(JSON.parse(row.filters));
    return {
      attemptId: row.id,
      learnerId: row.learnerId,
      deckId: row.deckId,
      aspects: filters.aspects,
      kinds: filters.kinds,
      isRetry: row.retryOfId !== null,
      questionCount: QuestionIdsSchema.parse(JSON.parse(row.questionIds)).length,
      answered: row.answered,
      correct: row.correct,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    };
  });
}

const CoveredPointsSchema = z.array(z.number().int());

/** Mock interviews on the assigned decks started since the earliest opening, scored by key points. */
export async function loadInterviewSessionSummaries(
  db: Db,
  scope: ActivityScope,
): Promise<InterviewSessionSummary[]> {
  const decks = assignedDecks(scope.assignments, "interview");
  if (!decks) return [];
  const sessions = await db.interviewSession.findMany({
    where: {
      deckId: { in: decks.deckIds },
      startedAt: { gte: decks.since },
      ...(scope.learnerId === undefined ? {} : { learnerId: scope.learnerId }),
      learner: { enrollments: { some: { classId: scope.classId } } },
    },
    select: {
      id: true,
      learnerId: true,
      deckId: true,
      items: true,
      startedAt: true,
      finishedAt: true,
      answers: {
        where: { coveredPoints: { not: null } },
        select: { position: true, coveredPoints: true },
      },
    },
  });
  return sessions.map((session) => {
    const items = parseInterviewItems(session.items);
    const score = scoreInterview(
      items,
      session.answers.map((answer) => ({
        position: answer.position,
        coveredPoints: CoveredPointsSchema.parse(JSON.parse(answer.coveredPoints ?? "[]")),
      })),
    );
    return {
      sessionId: session.id,
      learnerId: session.learnerId,
      deckId: session.deckId,
      itemCount: items.length,
      checked: session.answers.length,
      coveredPoints: score.covered,
      totalPoints: score.total,
      startedAt: session.startedAt,
      finishedAt: session.finishedAt,
    };
  });
}

/** Everything the derivation reads for these assignments, in three grouped reads. */
export async function loadClassActivity(db: Db, scope: ActivityScope): Promise<LearnerActivity> {
  const [firstGoodAnswers, practiceAttempts, interviewSessions] = await Promise.all([
    loadFirstGoodAnswers(db, scope),
    loadPracticeAttemptSummaries(db, scope),
    loadInterviewSessionSummaries(db, scope),
  ]);
  return { firstGoodAnswers, practiceAttempts, interviewSessions };
}

async function computeProgress(
  db: Db,
  options: { classId: string; learnerIds: string[]; learnerId?: string; now: Date },
): Promise<ClassProgress> {
  const assignments = await listClassAssignments(db, options.classId);
  const scope = { classId: options.classId, assignments, learnerId: options.learnerId };
  const loadingDecks = loadDeckFacts(
    db,
    assignments.map((a) => a.scope.deckId),
  );
  // The whole class: study goals counted in SQL (one row per student and assignment); one
  // student: their first answers, which their own views also list.
  const [decks, activity] = await Promise.all([
    loadingDecks,
    options.learnerId === undefined
      ? Promise.all([
          loadingDecks.then((decks) =>
            loadStudyGoalTallies(db, { classId: options.classId, assignments, decks }),
          ),
          loadPracticeAttemptSummaries(db, scope),
          loadInterviewSessionSummaries(db, scope),
        ]).then(([studyGoals, practiceAttempts, interviewSessions]): LearnerActivity => ({
          firstGoodAnswers: [],
          studyGoals,
          practiceAttempts,
          interviewSessions,
        }))
      : loadClassActivity(db, scope),
  ]);
  const progress = deriveClassProgress({
    assignments,
    decks,
    learnerIds: options.learnerIds,
    activity,
    now: options.now,
  });
  return { assignments, decks, learnerIds: options.learnerIds, activity, progress };
}

/** Every enrolled student's progress on every assignment of the teacher's own class. */
export async function getClassProgress(
  db: Db,
  options: { teacherId: string; classId: string; now: Date },
): Promise<ClassProgress> {
  const found = await db.class.findFirst({
    where: { id: options.classId, teacherId: options.teacherId },
    select: { enrollments: { select: { learnerId: true }, orderBy: { joinedAt: "asc" } } },
  });
  if (!found) throw new NotFoundError("no such class");
  return computeProgress(db, {
    classId: options.classId,
    learnerIds: found.enrollments.map((e) => e.learnerId),
    now: options.now,
  });
}

/** A student's own progress in a class they are enrolled in; nobody else's is ever read. */
export async function getStudentClassProgress(
  db: Db,
  options: { learnerId: string; classId: string; now: Date },
): Promise<ClassProgress> {
  const enrolled = await db.enrollment.findUnique({
    where: { classId_learnerId: { classId: options.classId, learnerId: options.learnerId } },
    select: { id: true },
  });
  if (!enrolled) throw new NotFoundError("no such class");
  return computeProgress(db, {
    classId: options.classId,
    learnerIds: [options.learnerId],
    learnerId: options.learnerId,
    now: options.now,
  });
}
