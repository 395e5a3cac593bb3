import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveGameSettingsSchema } from "@/lib/core/live/settings";
import { exportMyData } from "@/lib/server/auth/accounts";
import { getAssignmentStudyCard } from "@/lib/server/classes/assignment-study";
import {
  AssignmentInvalidError,
  createAssignment,
  listClassAssignmentsForStudent,
  listStudentAssignments,
} from "@/lib/server/classes/assignments";
import { getClassDashboard } from "@/lib/server/classes/class-dashboard";
import { createClass } from "@/lib/server/classes/classes";
import { joinClass } from "@/lib/server/classes/enrollments";
import { requireVisibleDeck } from "@/lib/server/decks/deck-access";
import {
  createOwnDeck,
  deleteOwnDeck,
  getDeckDeletionImpact,
  getOwnDeck,
  MAX_DECKS_PER_USER,
  setDeckSharing,
  updateOwnDeck,
} from "@/lib/server/decks/own-decks";
import { listClassDecks } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { submitLiveAnswer } from "@/lib/server/live/answers";
import { createGame, runHostCommand } from "@/lib/server/live/games";
import { joinGame } from "@/lib/server/live/players";
import { loadLiveQuestions } from "@/lib/server/live/questions";
import { startInterview } from "@/lib/server/practice/interviews";
import {
  retryMissedQuestions,
  startPracticeAttempt,
  submitPracticeAnswer,
} from "@/lib/server/practice/practice-attempts";
import { StartInterviewSchema, StartPracticeSchema } from "@/lib/server/practice/schemas";
import { getLearnerStats } from "@/lib/server/stats/get-learner-stats";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { bytes, OWN_DOCUMENT, ownDeckHelpers } from "../setup/own-deck-helpers";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

/*
 * Deleting one's own deck (lib/server/decks/own-decks.ts deleteOwnDeck): gone for everyone and
 * everywhere, while every learner's cards, review logs and tests stay in the database.
 */

const BUILT_IN = "containers-vs-pods.ru";
const NOW = new Date("2026-03-02T06:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const DOCUMENT = OWN_DOCUMENT;
const address = () => `198.51.100.${crypto.randomInt(1, 255)}-${crypto.randomUUID()}`;

let t: TestDatabase;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
});
afterAll(() => t.cleanup());
const { newUser, saveDeck, sees } = ownDeckHelpers(() => t.db, NOW);

async function studyOnce(learnerId: string, deckId: string, minutes: number) {
  const { card } = await getStudyCard(t.db, { learnerId, deckIds: [deckId], now: later(minutes) });
  if (!card) throw new Error("expected a card");
  return submitAnswer(t.db, {
    learnerId,
    input: {
      clientAnswerId: crypto.randomUUID(),
      questionId: card.question.id,
      cardVersion: card.cardVersion,
      answer: { type: "reveal" },
      rating: 1,
      durationMs: 4000,
    },
    now: later(minutes),
    answerLimit: null,
  });
}

/** A teacher's deck shared with their class, studied, tested, assigned and played there. */
async function usedDeck() {
  const teacher = await newUser("teacher");
  const student = await newUser();
  const k = await createClass(t.db, {
    teacherId: teacher.userId,
    name: "10 Б",
    description: null,
    timeZone: "Europe/Moscow",
    now: NOW,
  });
  await joinClass(t.db, {
    code: k.joinCode,
    userId: student.userId,
    learnerId: student.learnerId,
    address: address(),
    now: NOW,
  });
  const deckId = await saveDeck(teacher.userId);
  await setDeckSharing(t.db, {
    userId: teacher.userId,
    deckId,
    visibility: "class",
    classIds: [k.classId],
    now: NOW,
  });
  const assign = (kind: "study" | "practice", title: string) =>
    createAssignment(t.db, {
      teacherId: teacher.userId,
      classId: k.classId,
      fields: {
        title,
        deckId,
        aspects: [],
        kinds: [],
        kind,
        questionCount: kind === "practice" ? "5" : "",
        openAt: "2026-03-01T09:00",
        dueAt: "2026-03-09T21:00",
      },
      now: NOW,
    });
  await assign("study", "Learn VMs");
  await assign("practice", "Test VMs");
  // The student answers twice ("Again": the card stays due within minutes) and misses a test.
  await studyOnce(student.learnerId, deckId, 0);
  await studyOnce(student.learnerId, deckId, 1);
  const { attemptId } = await startPracticeAttempt(t.db, {
    learnerId: student.learnerId,
    address: address(),
    input: StartPracticeSchema.parse({
      clientId: crypto.randomUUID(),
      deckId,
      count: 5,
      kinds: ["classify"],
    }),
    now: later(2),
  });
  const ids = JSON.parse(
    (await t.db.practiceAttempt.findUniqueOrThrow({ where: { id: attemptId } })).questionIds,
  ) as string[];
  for (const questionId of ids) {
    await submitPracticeAnswer(t.db, {
      learnerId: student.learnerId,
      attemptId,
      input: {
        clientAnswerId: crypto.randomUUID(),
        questionId,
        answer: { type: "reveal" },
        durationMs: 1000,
      },
      now: later(3),
    });
  }
  const game = await createGame(t.db, {
    hostUserId: teacher.userId,
    settings: LiveGameSettingsSchema.parse({ deckId, questionCount: 3, classId: k.classId }),
    now: later(4),
  });
  return { teacher, student, classId: k.classId, deckId, attemptId, game };
}

/** The learner's rows on one deck: cards, review logs, practice tests and their answers. */
const progressRows = (learnerId: string, deckId: string) =>
  Promise.all([
    t.db.card.count({ where: { learnerId, question: { deckId } } }),
    t.db.reviewLog.count({ where: { learnerId, question: { deckId } } }),
    t.db.practiceAttempt.count({ where: { learnerId, deckId } }),
    t.db.practiceAnswer.count({ where: { attempt: { learnerId, deckId } } }),
  ]);

describe("deleting one's own deck", () => {
  it("hides it from everyone everywhere; every learner's progress stays in the database", async () => {
    const { teacher, student, classId, deckId, attemptId, game } = await usedDeck();
    const author = { userId: teacher.userId, learnerId: teacher.learnerId };
    const pupil = { userId: student.userId, learnerId: student.learnerId };
    expect(await getDeckDeletionImpact(t.db, { userId: teacher.userId, deckId })).toEqual({
      learners: 1,
      assignments: 2,
      classes: 1,
    });
    const before = await progressRows(student.learnerId, deckId);
    expect(before.every((n) => n > 0)).toBe(true);
    const questions = await t.db.question.count({ where: { deckId } });
    const player = await joinGame(t.db, {
      pin: game.pin,
      nickname: "Pupil",
      tokenFor: () => undefined,
      address: address(),
      now: later(5),
    });

    await deleteOwnDeck(t.db, { userId: teacher.userId, deckId, now: later(6) });

    // Gone for the author and the class: lists, page, queue, answers, tests, interviews, games.
    expect(await sees(author, deckId)).toBe(false);
    expect(await sees(pupil, deckId)).toBe(false);
    expect(await sees({}, deckId)).toBe(false);
    await expect(requireVisibleDeck(t.db, author, deckId)).rejects.toBeInstanceOf(NotFoundError);
    const queue = await getStudyCard(t.db, {
      learnerId: student.learnerId,
      deckIds: [deckId],
      now: later(30),
    });
    expect(queue.card, "its due cards stop coming due").toBeNull();
    await expect(studyOnce(student.learnerId, BUILT_IN, 31)).resolves.toBeTruthy();
    const card = await t.db.card.findFirstOrThrow({
      where: { learnerId: student.learnerId, question: { deckId } },
    });
    await expect(
      submitAnswer(t.db, {
        learnerId: student.learnerId,
        input: {
          clientAnswerId: crypto.randomUUID(),
          questionId: card.questionId,
          cardVersion: card.version,
          answer: { type: "reveal" },
          rating: 3,
          durationMs: 1000,
        },
        now: later(32),
        answerLimit: null,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const start = { learnerId: student.learnerId, address: address(), now: later(33) };
    await expect(
      startPracticeAttempt(t.db, {
        ...start,
        input: StartPracticeSchema.parse({ clientId: crypto.randomUUID(), deckId, count: 5 }),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      retryMissedQuestions(t.db, { ...start, attemptId, clientId: crypto.randomUUID() }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      startInterview(t.db, {
        ...start,
        input: StartInterviewSchema.parse({ clientId: crypto.randomUUID(), deckId, count: 2 }),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createGame(t.db, {
        hostUserId: teacher.userId,
        settings: LiveGameSettingsSchema.parse({ deckId, questionCount: 3 }),
        now: later(33),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(
      (await listClassDecks(t.db, { teacherId: teacher.userId, classId })).map((d) => d.summary.id),
    ).not.toContain(deckId);
    await expect(
      createAssignment(t.db, {
        teacherId: teacher.userId,
        classId,
        fields: {
          title: "Again",
          deckId,
          aspects: [],
          kinds: [],
          kind: "study",
          questionCount: "",
          openAt: "2026-03-02T09:00",
          dueAt: "2026-03-04T21:00",
        },
        now: later(33),
      }),
    ).rejects.toBeInstanceOf(AssignmentInvalidError);
    // Nor can its author edit, share or delete it again.
    expect(await getOwnDeck(t.db, { userId: teacher.userId, deckId })).toBeNull();
    await expect(
      updateOwnDeck(t.db, {
        userId: teacher.userId,
        deckId,
        bytes: bytes(DOCUMENT),
        now: later(34),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      setDeckSharing(t.db, {
        userId: teacher.userId,
        deckId,
        visibility: "public",
        classIds: [],
        now: later(34),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      deleteOwnDeck(t.db, { userId: teacher.userId, deckId, now: later(34) }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.deckShare.count({ where: { deckId } })).toBe(0);

    // Every row of the student's progress is still there, the questions too.
    expect(await progressRows(student.learnerId, deckId)).toEqual(before);
    expect(await t.db.question.count({ where: { deckId } })).toBe(questions);
    // Statistics keep the history and say the deck is gone.
    const stats = await getLearnerStats(t.db, { learnerId: student.learnerId, now: later(35) });
    const mastery = stats!.mastery.find((d) => d.deckId === deckId);
    expect(mastery).toMatchObject({ title: "Virtual machine vs Container", removed: true });
    expect(stats!.mastery.find((d) => d.deckId === BUILT_IN)?.removed).toBe(false);

    // Assignments: still listed with the work done, flagged, and the study session is a 404.
    const mine = await listClassAssignmentsForStudent(t.db, {
      learnerId: student.learnerId,
      classId,
      now: later(35),
    });
    expect(mine.map((a) => [a.assignment.title, a.deckRemoved]).sort()).toEqual([
      ["Learn VMs", true],
      ["Test VMs", true],
    ]);
    const everywhere = await listStudentAssignments(t.db, {
      learnerId: student.learnerId,
      now: later(35),
    });
    expect(everywhere.every((a) => a.deckRemoved)).toBe(true);
    const study = mine.find((a) => a.assignment.title === "Learn VMs")!;
    await expect(
      getAssignmentStudyCard(t.db, {
        learnerId: student.learnerId,
        assignmentId: study.assignment.id,
        now: later(35),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const dashboard = await getClassDashboard(t.db, {
      teacherId: teacher.userId,
      classId,
      now: later(35),
      locale: "en",
    });
    expect(dashboard.removedDeckIds).toEqual([deckId]);
    expect(dashboard.assignments).toHaveLength(2);

    // A game created before the deletion plays on: its questions are read by id.
    await runHostCommand(t.db, {
      gameId: game.gameId,
      hostUserId: teacher.userId,
      command: "start",
      now: later(36),
    });
    const row = await t.db.liveGame.findUniqueOrThrow({ where: { id: game.gameId } });
    const [first] = await loadLiveQuestions(
      t.db,
      (JSON.parse(row.questionIds) as string[]).slice(0, 1),
    );
    await expect(
      submitLiveAnswer(t.db, {
        gameId: game.gameId,
        playerId: player.player.id,
        questionIndex: 0,
        choice: first!.correctOptionId,
        receivedAt: later(36),
      }),
    ).resolves.toMatchObject({ duplicate: false });

    // The author's own data export still holds the deck's row, with when it was deleted.
    const exported = await exportMyData(t.db, { userId: teacher.userId });
    expect(exported.decks.find((d) => d.id === deckId)?.deletedAt).toEqual(later(6));
  });

  it("is the author's alone: another user, a student it is shared with, a built-in deck: 404", async () => {
    const { teacher, student, deckId } = await usedDeck();
    const stranger = await newUser("teacher");
    for (const userId of [stranger.userId, student.userId]) {
      await expect(getDeckDeletionImpact(t.db, { userId, deckId })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(deleteOwnDeck(t.db, { userId, deckId, now: NOW })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }
    await expect(
      deleteOwnDeck(t.db, { userId: teacher.userId, deckId: BUILT_IN, now: NOW }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await sees({ userId: student.userId, learnerId: student.learnerId }, deckId)).toBe(true);
    expect(await sees({}, BUILT_IN)).toBe(true);
    const row = await t.db.deck.findUniqueOrThrow({ where: { id: deckId } });
    expect([row.deletedAt, row.visibility]).toEqual([null, "class"]);
  });

  it(`frees a place under the cap of ${MAX_DECKS_PER_USER} decks: only live decks count`, async () => {
    const author = await newUser();
    const deckId = await saveDeck(author.userId);
    await t.db.deck.createMany({
      data: Array.from({ length: MAX_DECKS_PER_USER - 1 }, (_, i) => ({
        id: `own-cap-${author.userId}-${i}`,
        title: "x",
        language: "en",
        sourcePath: "(uploaded)",
        sourceHash: "x",
        sourceMarkdown: "x",
        summary: "{}",
        ownerId: author.userId,
        visibility: "private",
      })),
    });
    const save = () =>
      createOwnDeck(t.db, { userId: author.userId, bytes: bytes(DOCUMENT), now: later(1) });
    await expect(save()).rejects.toBeInstanceOf(ConflictError);
    await deleteOwnDeck(t.db, { userId: author.userId, deckId, now: later(1) });
    await expect(save()).resolves.toMatchObject({ ok: true });
    expect(await t.db.deck.count({ where: { ownerId: author.userId, deletedAt: null } })).toBe(
      MAX_DECKS_PER_USER,
    );
    await expect(save()).rejects.toBeInstanceOf(ConflictError);
  });
});
