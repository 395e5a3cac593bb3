import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { createAuthSession } from "@/lib/server/auth/auth-sessions";
import { createDb, type Db } from "@/lib/server/db";
import { BENCH_SECRET } from "./bench-server";
import { percentile } from "./percentiles";
import { createRandom } from "@/lib/core/practice/random";

const DAY_MS = 86_400_000;
const CHUNK = 1000;
const REQUESTS = 20;
const WARM_UP = 3;
const STUDENTS = 200;
const ASSIGNMENTS = 20;
const REVIEW_LOGS = 300_000;
const TESTS_PER_STUDENT = 2;
const TEST_SIZE = 5;
/** Auth.js's session cookie over plain HTTP; its name is also the JWT's salt. */
const SESSION_COOKIE = "authjs.session-token";

/**
 * A teacher's class of 200 students with 20 assignments on one deck (study with and without
 * aspects, practice tests, interviews), 300,000 review answers of the students to that deck
 * over the last 90 days and two finished tests each, written with createMany in chunks.
 */
export async function seedClass(
  db: Db,
  options: { deckId: string; now: Date },
): Promise<{ teacherId: string; classId: string; reviewLogs: number }> {
  const { deckId, now } = options;
  const random = createRandom(13);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tag = crypto.randomUUID().slice(0, 8);
  const teacher = await db.user.create({
    data: { email: `bench-teacher-${tag}@example.test`, name: "Bench Teacher", role: "teacher" },
  });
  const k = await db.class.create({
    data: {
      teacherId: teacher.id,
      name: "Bench class",
      timeZone: "Europe/Moscow",
      joinCode: `B${tag.toUpperCase()}`.slice(0, 8),
      createdAt: new Date(now.getTime() - 100 * DAY_MS),
    },
  });
  const questions = await db.question.findMany({
    where: { deckId, retiredAt: null },
    select: { id: true, siblingKey: true, aspect: true },
  });
  const aspects = [...new Set(questions.map((q) => q.aspect))].sort();

  const learnerIds = Array.from({ length: STUDENTS }, (_, i) => `bench-class-${tag}-${i}`);
  await db.learner.createMany({
    data: learnerIds.map((id) => ({ id, timeZone: "Europe/Moscow" })),
  });
  await db.enrollment.createMany({
    data: learnerIds.map((learnerId, i) => ({
      classId: k.id,
      learnerId,
      displayName: `Student ${String(i).padStart(3, "0")}`,
      joinedAt: new Date(now.getTime() - 95 * DAY_MS),
    })),
  });

  const kinds = ["study", "study", "study", "study", "practice", "practice", "study", "interview"];
  await db.assignment.createMany({
    data: Array.from({ length: ASSIGNMENTS }, (_, i) => {
      const kind = kinds[i % kinds.length]!;
      const openAt = new Date(now.getTime() - (90 - i * 4) * DAY_MS);
      return {
        classId: k.id,
        title: `Assignment ${i + 1}`,
        deckId,
        // Study and practice: every third on the whole deck, the rest on one or two aspects.
        aspects: JSON.stringify(
          kind === "interview" || i % 3 === 0
            ? []
            : [aspects[i % aspects.length]!, aspects[(i + 1) % aspects.length]!].sort(),
        ),
        kinds: "[]",
        kind,
        questionCount: kind === "study" ? (i % 2 === 0 ? null : 3) : kind === "practice" ? 5 : 2,
        passMark: kind === "practice" ? 60 : null,
        openAt,
        dueAt: new Date(openAt.getTime() + 14 * DAY_MS),
        createdAt: openAt,
      };
    }),
  });

  // One card per student and question, and the answers to them.
  const cards = learnerIds.flatMap((learnerId) =>
    questions.map((q) => ({
      id: crypto.randomUUID(),
      learnerId,
      questionId: q.id,
      siblingKey: q.siblingKey,
    })),
  );
  for (let offset = 0; offset < cards.length; offset += CHUNK) {
    await db.card.createMany({
      data: cards.slice(offset, offset + CHUNK).map((card) => ({
        id: card.id,
        learnerId: card.learnerId,
        questionId: card.questionId,
        due: new Date(now.getTime() + Math.floor(random() * 30) * DAY_MS),
        stability: 1 + random() * 50,
        difficulty: 1 + random() * 9,
        elapsedDays: 3,
        scheduledDays: 10,
        learningSteps: 0,
        reps: 5,
        lapses: 1,
        state: 2,
        lastReview: new Date(now.getTime() - Math.floor(random() * 10) * DAY_MS),
        version: 1,
      })),
    });
  }
  for (let offset = 0; offset < REVIEW_LOGS; offset += CHUNK) {
    const size = Math.min(CHUNK, REVIEW_LOGS - offset);
    await db.reviewLog.createMany({
      data: Array.from({ length: size }, (_, i) => {
        const card = pick(cards);
        const reviewedAt = new Date(now.getTime() - Math.floor(random() * 90 * DAY_MS));
        return {
          learnerId: card.learnerId,
          cardId: card.id,
          questionId: card.questionId,
          clientAnswerId: `bench-class-${offset + i}`,
          siblingKey: card.siblingKey,
          rating: pick([1, 2, 3, 3, 3, 3, 3, 3, 4, 4]),
          state: 2,
          due: reviewedAt,
          stability: 10,
          difficulty: 5,
          elapsedDays: 3,
          lastElapsedDays: 3,
          scheduledDays: 10,
          learningSteps: 0,
          previousDue: reviewedAt,
          reviewedAt,
          durationMs: 4000,
          response: "{}",
        };
      }),
    });
  }

  // Finished tests on the deck: what the practice assignments read.
  const attempts = learnerIds.flatMap((learnerId) =>
    Array.from({ length: TESTS_PER_STUDENT }, () => {
      const asked = Array.from({ length: TEST_SIZE }, () => pick(questions).id);
      const startedAt = new Date(now.getTime() - Math.floor(random() * 60) * DAY_MS);
      return { id: crypto.randomUUID(), learnerId, asked: [...new Set(asked)], startedAt };
    }),
  );
  await db.practiceAttempt.createMany({
    data: attempts.map((a) => ({
      id: a.id,
      learnerId: a.learnerId,
      clientId: a.id,
      deckId,
      filters: JSON.stringify({ aspects: [], kinds: [], count: a.asked.length }),
      seed: 1,
      questionIds: JSON.stringify(a.asked),
      startedAt: a.startedAt,
      finishedAt: new Date(a.startedAt.getTime() + 600_000),
    })),
  });
  const answers = attempts.flatMap((a) =>
    a.asked.map((questionId, position) => ({
      attemptId: a.id,
      questionId,
      position,
      clientAnswerId: `${a.id}-${position}`,
      answer: "{}",
      correct: random() < 0.7,
      selfGraded: false,
      durationMs: 20_000,
      answeredAt: a.startedAt,
    })),
  );
  for (let offset = 0; offset < answers.length; offset += CHUNK) {
    await db.practiceAnswer.createMany({ data: answers.slice(offset, offset + CHUNK) });
  }
  const reviewLogs = await db.reviewLog.count({ where: { learnerId: { in: learnerIds } } });
  return { teacherId: teacher.id, classId: k.id, reviewLogs };
}

/**
 * The teacher's dashboard (`/classes/<id>`) server time for that class, measured like /stats
 * (bench/stats-load.ts): warm-up requests, then 20 in a row, time to the last byte. The
 * teacher's session is a database session named by a JWT signed with the bench's secret, as
 * a sign-in would make it.
 */
export async function benchClassDashboard(options: {
  url: string;
  databaseFile: string;
  deckId: string;
}): Promise<{
  students: number;
  assignments: number;
  reviewLogs: number;
  requests: number;
  serverMs: { p50: number; p95: number };
  /** The class's page and the teacher's session cookie, for measuring signed-in pages. */
  classPath: string;
  teacherHeaders: Record<string, string>;
}> {
  const db = createDb(options.databaseFile);
  try {
    const now = new Date();
    const { teacherId, classId, reviewLogs } = await seedClass(db, { deckId: options.deckId, now });
    const sid = await createAuthSession(db, { userId: teacherId, now });
    const token = await encode({
      token: { sid },
      secret: BENCH_SECRET,
      salt: SESSION_COOKIE,
    });
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    // Seeding blocks this process's event loop for longer than the server keeps an idle
    // connection open (65 s): the pooled socket may be gone, so one throw-away request first.
    await fetch(`${options.url}/api/health`).catch(() => undefined);
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + REQUESTS; i++) {
      const started = performance.now();
      const response = await fetch(`${options.url}/classes/${classId}`, { headers });
      const body = await response.text();
      const elapsed = performance.now() - started;
      if (!response.ok || !body.includes('data-testid="mastery-grid"')) {
        throw new Error(
          `GET /classes/${classId} answered ${response.status} without the dashboard`,
        );
      }
      if (i >= WARM_UP) times.push(elapsed);
    }
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      students: STUDENTS,
      assignments: ASSIGNMENTS,
      reviewLogs,
      requests: times.length,
      serverMs: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) },
      classPath: `/classes/${classId}`,
      teacherHeaders: headers,
    };
  } finally {
    await db.$disconnect();
  }
}
