import { z } from "zod";
import {
  MISSED_MAX_RATING,
  buildClassMasteryGrid,
  buildGradebookCsv,
  listStudentsBehind,
  rankMissedQuestions,
  summarizeRoster,
  type Assignment,
  type AssignmentProgress,
  type BehindStudent,
  type ClassMasteryGrid,
  type ClassStudent,
  type LearnerAspectRatingCount,
  type MissedQuestion,
  type QuestionMissCount,
  type RosterRow,
} from "@/lib/core/classes";
import type { Locale } from "@/lib/i18n/locales";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { listActiveQuestions } from "../decks/active-questions";
import { parseDeckSummary } from "../decks/deck-summary";
import { getClassProgress } from "./class-activity";
import { listClassLiveGames, type ClassLiveGame } from "../live/report";
import { getTeacherClass, type RosterEntry, type TeacherClass } from "./class-queries";

/*
 * The teacher's dashboard of one class, read once per page:
 *   getClassDashboard(db, { teacherId, classId, now, locale })  everything the page shows;
 *   getClassGradebook(db, { teacherId, classId, now, locale })  the gradebook CSV.
 * Another teacher's class (or no class) is a NotFoundError from getTeacherClass.
 *
 * Reads, whatever the class size: the class with its roster; the progress (class-activity.ts:
 * three grouped reads); the students' last activity (three MAX per student over indexes); the
 * review answers of the class's students to the assigned decks grouped by (student, question,
 * rating) in SQL over the covering index (learnerId, questionId, rating, reviewedAt), once,
 * from which both the mastery grid and the missed questions are summed; the decks' summaries.
 * Review logs themselves are never loaded.
 */

export interface MissedQuestionView extends MissedQuestion {
  deckId: string;
  prompt: string;
  quote: string;
  aspect: string;
}

export interface DeckMasteryView {
  deckId: string;
  title: string;
  /** Aspect key → its title in the deck (a key the deck no longer lists shows as itself). */
  aspectTitles: Record<string, string>;
  grid: ClassMasteryGrid;
}

export interface ClassDashboard {
  k: TeacherClass;
  /** The instant the numbers are for. */
  now: Date;
  assignments: Assignment[];
  /** The roster with last activity and assignments done, in the locale's name order. */
  roster: (RosterRow & Pick<RosterEntry, "enrollmentId" | "guest">)[];
  progress: AssignmentProgress[];
  behind: BehindStudent[];
  mastery: DeckMasteryView[];
  missed: MissedQuestionView[];
  deckTitles: Record<string, string>;
  /** Assigned decks their author deleted: shown as such, never linked. */
  removedDeckIds: string[];
  /** Live quizzes the teacher linked to this class, newest first, each with its report. */
  liveGames: ClassLiveGame[];
}

const DateSchema = z.coerce.date();
const CountSchema = z.coerce.number().int().min(0);
const LastActiveRowSchema = z.object({
  learnerId: z.string(),
  review: DateSchema.nullable(),
  practice: DateSchema.nullable(),
  interview: DateSchema.nullable(),
});

/**
 * Each student's latest answer in /study, /practice or /interview, anywhere in PodDeck: one
 * MAX per student and source, each an index seek or a scan of one student's few tests.
 */
export async function loadLastActive(db: Db, classId: string): Promise<Map<string, Date>> {
  const raw = await db.$queryRaw<unknown[]>`
    SELECT e."learnerId" AS "learnerId",
      (SELECT MAX(r."reviewedAt") FROM "ReviewLog" r WHERE r."learnerId" = e."learnerId") AS "review",
      (SELECT MAX(a."answeredAt") FROM "PracticeAttempt" p
        JOIN "PracticeAnswer" a ON a."attemptId" = p."id"
        WHERE p."learnerId" = e."learnerId") AS "practice",
      (SELECT MAX(a."answeredAt") FROM "InterviewSession" s
        JOIN "InterviewAnswer" a ON a."sessionId" = s."id"
        WHERE s."learnerId" = e."learnerId") AS "interview"
    FROM "Enrollment" e
    WHERE e."classId" = ${classId}`;
  const latest = new Map<string, Date>();
  for (const value of raw) {
    const row = LastActiveRowSchema.parse(value);
    const times = [row.review, row.practice, row.interview].flatMap((d) =>
      d ? [d.getTime()] : [],
    );
    if (times.length > 0) latest.set(row.learnerId, new Date(Math.max(...times)));
  }
  return latest;
}

/** One student's answers to one question with one rating. */
export interface LearnerQuestionRatingCount {
  learnerId: string;
  questionId: string;
  rating: number;
  count: number;
}

const RatingCountRowSchema = z.object({
  learnerId: z.string(),
  questionId: z.string(),
  rating: CountSchema,
  count: CountSchema,
});

/**
 * The enrolled students' review answers to these decks' questions, counted per (student,
 * question, rating): ReviewTally holds these counts, kept by triggers on ReviewLog, so this
 * reads a few rows per student and question instead of every answer.
 */
export async function loadClassRatingCounts(
  db: Db,
  options: { classId: string; deckIds: readonly string[] },
): Promise<LearnerQuestionRatingCount[]> {
  if (options.deckIds.length === 0) return [];
  const raw = await db.$queryRaw<unknown[]>`
    SELECT t."learnerId" AS "learnerId", t."questionId" AS "questionId", t."rating" AS "rating",
      t."count" AS "count"
    FROM "Enrollment" e
    JOIN "ReviewTally" t ON t."learnerId" = e."learnerId"
    WHERE e."classId" = ${options.classId}
      AND t."questionId" IN (SELECT q."id" FROM "Question" q
        WHERE q."deckId" IN (${Prisma.join([...options.deckIds])}))`;
  return raw.map((value) => RatingCountRowSchema.parse(value));
}

/** Per (student, deck, aspect, rating), the mastery grid's input. */
export function countByAspect(
  rows: readonly LearnerQuestionRatingCount[],
  questions: ReadonlyMap<string, { deckId: string; aspect: string }>,
): LearnerAspectRatingCount[] {
  const sums = new Map<string, LearnerAspectRatingCount>();
  for (const row of rows) {
    const question = questions.get(row.questionId);
    if (!question) continue;
    const key = JSON.stringify([row.learnerId, question.deckId, question.aspect, row.rating]);
    const sum = sums.get(key);
    if (sum) sum.count += row.count;
    else
      sums.set(key, {
        learnerId: row.learnerId,
        ...question,
        rating: row.rating,
        count: row.count,
      });
  }
  return [...sums.values()];
}

/** Per question: answers, misses (Again) and how many students answered it. */
export function countMisses(rows: readonly LearnerQuestionRatingCount[]): QuestionMissCount[] {
  const byQuestion = new Map<string, { answers: number; misses: number; learners: Set<string> }>();
  for (const row of rows) {
    const counts = byQuestion.get(row.questionId) ?? {
      answers: 0,
      misses: 0,
      learners: new Set<string>(),
    };
    counts.answers += row.count;
    if (row.rating <= MISSED_MAX_RATING) counts.misses += row.count;
    counts.learners.add(row.learnerId);
    byQuestion.set(row.questionId, counts);
  }
  return [...byQuestion].map(([questionId, c]) => ({
    questionId,
    answers: c.answers,
    misses: c.misses,
    learners: c.learners.size,
  }));
}

/** Everything on the teacher's dashboard of their own class. */
export async function getClassDashboard(
  db: Db,
  options: { teacherId: string; classId: string; now: Date; locale: Locale },
): Promise<ClassDashboard> {
  const k = await getTeacherClass(db, options);
  const { assignments, progress } = await getClassProgress(db, options);
  const deckIds = [...new Set(assignments.map((a) => a.scope.deckId))];
  const [lastActive, ratingCounts, questions, decks, liveGames] = await Promise.all([
    loadLastActive(db, k.id),
    loadClassRatingCounts(db, { classId: k.id, deckIds }),
    listActiveQuestions(db, deckIds),
    db.deck.findMany({
      where: { id: { in: deckIds } },
      select: { id: true, summary: true, deletedAt: true },
    }),
    listClassLiveGames(db, { classId: k.id, hostUserId: options.teacherId }),
  ]);
  const students: ClassStudent[] = k.roster.map((s) => ({
    learnerId: s.learnerId,
    name: s.name,
    joinedAt: s.joinedAt,
    lastActiveAt: lastActive.get(s.learnerId) ?? null,
  }));
  const entries = new Map(k.roster.map((s) => [s.learnerId, s]));
  const roster = summarizeRoster({ students, assignments, progress, ...options }).map((row) => ({
    ...row,
    enrollmentId: entries.get(row.learnerId)?.enrollmentId ?? "",
    guest: entries.get(row.learnerId)?.guest ?? false,
  }));
  const behind = listStudentsBehind({ students, assignments, progress, ...options });

  // Retired questions still count towards their aspect, as on /stats; they are not linked.
  const questionFacts = new Map(questions.map((q) => [q.id, q]));
  const retired = ratingCounts.filter((row) => !questionFacts.has(row.questionId));
  const retiredFacts =
    retired.length === 0
      ? []
      : await db.question.findMany({
          where: { id: { in: [...new Set(retired.map((row) => row.questionId))] } },
          select: { id: true, deckId: true, aspect: true },
        });
  const aspectOf = new Map<string, { deckId: string; aspect: string }>([
    ...questions.map((q) => [q.id, { deckId: q.deckId, aspect: q.aspect }] as const),
    ...retiredFacts.map((q) => [q.id, { deckId: q.deckId, aspect: q.aspect }] as const),
  ]);
  const aspectCounts = countByAspect(ratingCounts, aspectOf);
  const learnerIds = roster.map((s) => s.learnerId);
  const summaries = new Map(decks.map((d) => [d.id, parseDeckSummary(d.summary)]));
  const mastery = deckIds.flatMap((deckId): DeckMasteryView[] => {
    const summary = summaries.get(deckId);
    if (!summary) return [];
    return [
      {
        deckId,
        title: summary.title,
        aspectTitles: Object.fromEntries(summary.aspects.map((a) => [a.key, a.title])),
        grid: buildClassMasteryGrid({
          deckId,
          aspectOrder: summary.aspects.map((a) => a.key),
          learnerIds,
          counts: aspectCounts,
        }),
      },
    ];
  });
  const missed = rankMissedQuestions(
    countMisses(ratingCounts.filter((row) => questionFacts.has(row.questionId))),
  ).flatMap((row): MissedQuestionView[] => {
    const question = questionFacts.get(row.questionId);
    return question
      ? [
          {
            ...row,
            deckId: question.deckId,
            aspect: question.aspect,
            prompt: question.question.prompt,
            quote: question.question.source.quote,
          },
        ]
      : [];
  });
  return {
    k,
    now: options.now,
    assignments,
    roster,
    progress,
    behind,
    mastery,
    missed,
    deckTitles: Object.fromEntries([...summaries].map(([id, s]) => [id, s.title])),
    removedDeckIds: decks.filter((d) => d.deletedAt !== null).map((d) => d.id),
    liveGames,
  };
}

/** The gradebook of the teacher's own class as CSV, with the class's name for the file. */
export async function getClassGradebook(
  db: Db,
  options: { teacherId: string; classId: string; now: Date; locale: Locale },
): Promise<{ className: string; csv: string }> {
  const k = await getTeacherClass(db, options);
  const [{ assignments, progress }, lastActive] = await Promise.all([
    getClassProgress(db, options),
    loadLastActive(db, k.id),
  ]);
  const students = k.roster.map((s) => ({
    learnerId: s.learnerId,
    name: s.name,
    joinedAt: s.joinedAt,
    lastActiveAt: lastActive.get(s.learnerId) ?? null,
  }));
  const csv = buildGradebookCsv({
    students,
    assignments,
    progress,
    now: options.now,
    locale: options.locale,
    timeZone: k.timeZone,
  });
  return { className: k.name, csv };
}
