import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "@/lib/core/deck/types";
import { LiveGameSettingsSchema } from "@/lib/core/live/settings";
import { deleteAccount, exportMyData } from "@/lib/server/auth/accounts";
import { AssignmentInvalidError, createAssignment } from "@/lib/server/classes/assignments";
import { createClass } from "@/lib/server/classes/classes";
import { joinClass, leaveClass } from "@/lib/server/classes/enrollments";
import { requireVisibleDeck } from "@/lib/server/decks/deck-access";
import {
  buildOwnDeck,
  createOwnDeck,
  MAX_DECKS_PER_USER,
  setDeckSharing,
  updateOwnDeck,
} from "@/lib/server/decks/own-decks";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { createGame } from "@/lib/server/live/games";
import { startPracticeAttempt } from "@/lib/server/practice/practice-attempts";
import { StartPracticeSchema } from "@/lib/server/practice/schemas";
import { reportQuestion } from "@/lib/server/reports/question-reports";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { bytes, OWN_DOCUMENT, ownDeckHelpers } from "../setup/own-deck-helpers";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const BUILT_IN = "containers-vs-pods.ru";
const NOW = new Date("2026-03-02T06:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const DOCUMENT = OWN_DOCUMENT;

let t: TestDatabase;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
});
afterAll(() => t.cleanup());
const { newUser, saveDeck, sees } = ownDeckHelpers(() => t.db, NOW);

async function newClassOf(teacherId: string) {
  return createClass(t.db, {
    teacherId,
    name: "10 Б",
    description: null,
    timeZone: "Europe/Moscow",
    now: NOW,
  });
}

async function enrol(code: string, who: { userId: string; learnerId: string }) {
  await joinClass(t.db, {
    code,
    userId: who.userId,
    learnerId: who.learnerId,
    address: `198.51.100.${crypto.randomInt(1, 255)}-${crypto.randomUUID()}`,
    now: NOW,
  });
}

async function activeQuestions(deckId: string): Promise<Question[]> {
  const rows = await t.db.question.findMany({
    where: { deckId, retiredAt: null },
    orderBy: { position: "asc" },
  });
  return rows.map((row) => JSON.parse(row.payload) as Question);
}

describe("saving a document", () => {
  it("saves nothing when the document has a problem, and says where", async () => {
    const author = await newUser();
    const broken = DOCUMENT.replace("### Container:", "### :");
    const result = await createOwnDeck(t.db, {
      userId: author.userId,
      bytes: bytes(broken),
      now: NOW,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.some((i) => i.line !== undefined)).toBe(true);
    expect(await t.db.deck.count({ where: { ownerId: author.userId } })).toBe(0);
    const binary = await createOwnDeck(t.db, {
      userId: author.userId,
      bytes: new Uint8Array([0x23, 0x20, 0x00, 0x41]),
      now: NOW,
    });
    expect(binary.ok).toBe(false);
    expect(await t.db.deck.count({ where: { ownerId: author.userId } })).toBe(0);
  });

  it("saves a private deck of its author with every question, counted against the save limit", async () => {
    const author = await newUser();
    const deckId = await saveDeck(author.userId);
    const deck = await t.db.deck.findUniqueOrThrow({ where: { id: deckId } });
    expect([deck.ownerId, deck.visibility, deck.sourceMarkdown]).toEqual([
      author.userId,
      "private",
      DOCUMENT,
    ]);
    const built = buildOwnDeck(bytes(DOCUMENT), deckId);
    expect(built.ok).toBe(true);
    const ids = (await activeQuestions(deckId)).map((q) => q.id);
    expect(ids).toEqual(built.ok ? built.deck.questions.map((q) => q.id) : []);
    expect(
      await t.db.rateLimitEvent.count({
        where: { bucket: "deck-saves:user", key: author.userId },
      }),
    ).toBe(1);
  });

  it("refuses a document with more questions than a deck may hold", () => {
    const result = buildOwnDeck(bytes(DOCUMENT), "own-x", 10);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]!.message).toMatch(/at most 10/);
  });

  it(`holds at most ${MAX_DECKS_PER_USER} decks per user`, async () => {
    const author = await newUser();
    await t.db.deck.createMany({
      data: Array.from({ length: MAX_DECKS_PER_USER }, (_, i) => ({
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
    await expect(
      createOwnDeck(t.db, { userId: author.userId, bytes: bytes(DOCUMENT), now: NOW }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await t.db.deck.count({ where: { ownerId: author.userId } })).toBe(MAX_DECKS_PER_USER);
  });
});

describe("who sees a deck", () => {
  it("private: its author only; anyone else gets a 404 everywhere", async () => {
    const author = await newUser();
    const other = await newUser();
    const guest = (await t.db.learner.create({ data: {} })).id;
    const deckId = await saveDeck(author.userId);

    expect(await sees({ userId: author.userId, learnerId: author.learnerId }, deckId)).toBe(true);
    // The author's learner alone (study, practice) recognises the author too.
    expect(await sees({ learnerId: author.learnerId }, deckId)).toBe(true);
    expect(await sees({ userId: other.userId, learnerId: other.learnerId }, deckId)).toBe(false);
    expect(await sees({ learnerId: guest }, deckId)).toBe(false);
    expect(await sees({}, deckId)).toBe(false);
    await expect(requireVisibleDeck(t.db, { userId: other.userId }, deckId)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    // Study: no card from it, and an answer to one of its questions is a 404.
    const state = await getStudyCard(t.db, {
      learnerId: other.learnerId,
      deckIds: [deckId],
      now: NOW,
    });
    expect(state.card).toBeNull();
    const mine = await getStudyCard(t.db, {
      learnerId: author.learnerId,
      deckIds: [deckId],
      now: NOW,
    });
    expect(mine.card).not.toBeNull();
    const [question] = await activeQuestions(deckId);
    await expect(answer(other.learnerId, question!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      reportQuestion(t.db, {
        learnerId: other.learnerId,
        address: "203.0.113.9",
        questionId: question!.id,
        input: { reason: "other", comment: undefined },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Practice and interviews read decks through getDeck.
    await expect(
      startPracticeAttempt(t.db, {
        learnerId: other.learnerId,
        address: "203.0.113.9",
        input: StartPracticeSchema.parse({ clientId: crypto.randomUUID(), deckId, count: 5 }),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Live games: another host cannot play it.
    await expect(
      createGame(t.db, {
        hostUserId: other.userId,
        settings: LiveGameSettingsSchema.parse({ deckId, questionCount: 3 }),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Editing and sharing it are 404s too, and so is editing a built-in deck.
    await expect(
      updateOwnDeck(t.db, { userId: other.userId, deckId, bytes: bytes(DOCUMENT), now: NOW }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      setDeckSharing(t.db, {
        userId: other.userId,
        deckId,
        visibility: "public",
        classIds: [],
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      updateOwnDeck(t.db, {
        userId: author.userId,
        deckId: BUILT_IN,
        bytes: bytes(DOCUMENT),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await sees({}, BUILT_IN)).toBe(true);
  });

  it("class: the students enrolled in a class it is shared with; leaving hides it, progress stays", async () => {
    const teacher = await newUser("teacher");
    const student = await newUser();
    const outsider = await newUser();
    const own = await newClassOf(teacher.userId);
    const another = await newClassOf((await newUser("teacher")).userId);
    await enrol(own.joinCode, student);
    await enrol(another.joinCode, outsider);
    const deckId = await saveDeck(teacher.userId);
    const studentView = { userId: student.userId, learnerId: student.learnerId };

    // Not shared yet: an assignment with it is refused (its students would not see it).
    const assign = () =>
      createAssignment(t.db, {
        teacherId: teacher.userId,
        classId: own.classId,
        fields: {
          title: "VMs",
          deckId,
          aspects: [],
          kinds: [],
          kind: "study",
          questionCount: "",
          openAt: "2026-03-02T09:00",
          dueAt: "2026-03-04T21:00",
        },
        now: NOW,
      });
    await expect(assign()).rejects.toBeInstanceOf(AssignmentInvalidError);
    expect(await sees(studentView, deckId)).toBe(false);

    // Someone else's class cannot be chosen; a class share needs a class.
    await expect(
      setDeckSharing(t.db, {
        userId: teacher.userId,
        deckId,
        visibility: "class",
        classIds: [another.classId],
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await setDeckSharing(t.db, {
      userId: teacher.userId,
      deckId,
      visibility: "class",
      classIds: [own.classId],
      now: NOW,
    });
    expect(await sees(studentView, deckId)).toBe(true);
    expect(await sees({ userId: outsider.userId, learnerId: outsider.learnerId }, deckId)).toBe(
      false,
    );
    expect(await sees({}, deckId)).toBe(false);
    await assign();
    await createGame(t.db, {
      hostUserId: teacher.userId,
      settings: LiveGameSettingsSchema.parse({ deckId, questionCount: 3, classId: own.classId }),
      now: NOW,
    });

    const [question] = await activeQuestions(deckId);
    await answer(student.learnerId, question!);
    await leaveClass(t.db, { learnerId: student.learnerId, classId: own.classId });
    expect(await sees(studentView, deckId)).toBe(false);
    await expect(answer(student.learnerId, question!, 1)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.card.count({ where: { learnerId: student.learnerId } })).toBe(1);
    expect(await t.db.reviewLog.count({ where: { learnerId: student.learnerId } })).toBe(1);

    // Back to private: shares go, the class's students no longer see it.
    await enrol(own.joinCode, student);
    expect(await sees(studentView, deckId)).toBe(true);
    await setDeckSharing(t.db, {
      userId: teacher.userId,
      deckId,
      visibility: "private",
      classIds: [own.classId],
      now: NOW,
    });
    expect(await t.db.deckShare.count({ where: { deckId } })).toBe(0);
    expect(await sees(studentView, deckId)).toBe(false);
  });

  it("is in its author's data export; deleting the account keeps it for the class it was shared with", async () => {
    const teacher = await newUser("teacher");
    const student = await newUser();
    const k = await newClassOf(teacher.userId);
    await enrol(k.joinCode, student);
    const shared = await saveDeck(teacher.userId);
    const kept = await saveDeck(teacher.userId);
    await setDeckSharing(t.db, {
      userId: teacher.userId,
      deckId: shared,
      visibility: "class",
      classIds: [k.classId],
      now: NOW,
    });
    const exported = await exportMyData(t.db, { userId: teacher.userId });
    expect(exported.decks.map((d) => [d.id, d.visibility, d.sharedWithClassIds])).toEqual([
      [shared, "class", [k.classId]],
      [kept, "private", []],
    ]);
    expect(exported.decks[0]!.sourceMarkdown).toBe(DOCUMENT);

    // The decks stay (other learners' cards point at their questions) but lose their author;
    // the class goes with its teacher, and its shares with it: nobody sees either deck now.
    await deleteAccount(t.db, { userId: teacher.userId, confirmEmail: teacher.email });
    expect(await t.db.deck.count({ where: { id: { in: [shared, kept] } } })).toBe(2);
    expect(await sees({ userId: student.userId, learnerId: student.learnerId }, shared)).toBe(
      false,
    );
    expect(await sees({}, kept)).toBe(false);
  });

  it("public: everyone, guests and first-time visitors included", async () => {
    const author = await newUser();
    const deckId = await saveDeck(author.userId);
    await setDeckSharing(t.db, {
      userId: author.userId,
      deckId,
      visibility: "public",
      classIds: [],
      now: NOW,
    });
    const guest = (await t.db.learner.create({ data: {} })).id;
    expect(await sees({ learnerId: guest }, deckId)).toBe(true);
    expect(await sees({}, deckId)).toBe(true);
  });
});

async function answer(learnerId: string, question: Question, minutes = 0) {
  const card = await t.db.card.findUnique({
    where: { learnerId_questionId: { learnerId, questionId: question.id } },
    select: { version: true },
  });
  return submitAnswer(t.db, {
    learnerId,
    input: {
      clientAnswerId: crypto.randomUUID(),
      questionId: question.id,
      cardVersion: card?.version ?? null,
      answer: { type: "reveal" },
      rating: 3,
      durationMs: 4000,
    },
    now: later(minutes),
    answerLimit: null,
  });
}

describe("editing a deck", () => {
  const OLD = "which usually takes from several seconds to a few minutes";
  const NEW = "which usually takes from ten seconds to a few minutes";

  it("changes only the questions of the edited sentence, keeps every other id and all progress", async () => {
    expect(DOCUMENT).toContain(OLD);
    const author = await newUser();
    const learner = await newUser();
    const deckId = await saveDeck(author.userId);
    await setDeckSharing(t.db, {
      userId: author.userId,
      deckId,
      visibility: "public",
      classIds: [],
      now: NOW,
    });
    const before = await activeQuestions(deckId);
    const citing = (q: Question) => q.source.quote.includes("several seconds");
    const kept = before.filter((q) => !citing(q));
    const edited = before.filter(citing);
    expect(edited.length).toBeGreaterThan(0);
    // The learner studied a question of the edited sentence and one of another.
    await answer(learner.learnerId, edited[0]!);
    await answer(learner.learnerId, kept[0]!);
    const version = (await t.db.deck.findUniqueOrThrow({ where: { id: deckId } })).contentVersion;

    const result = await updateOwnDeck(t.db, {
      userId: author.userId,
      deckId,
      bytes: bytes(DOCUMENT.replace(OLD, NEW)),
      now: later(60),
    });
    expect(result.ok).toBe(true);
    const after = await activeQuestions(deckId);
    const afterIds = new Set(after.map((q) => q.id));
    // Every question not citing the sentence keeps its id.
    expect(kept.filter((q) => !afterIds.has(q.id))).toEqual([]);
    // Those that cite it and now read differently are retired, not deleted; new ones cite the new text.
    const retired = await t.db.question.findMany({ where: { deckId, retiredAt: { not: null } } });
    expect(retired.length).toBeGreaterThan(0);
    expect(retired.every((row) => citing(JSON.parse(row.payload) as Question))).toBe(true);
    const added = after.filter((q) => !before.some((b) => b.id === q.id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((q) => q.source.quote.includes("ten seconds"))).toBe(true);
    expect(await t.db.card.count({ where: { learnerId: learner.learnerId } })).toBe(2);

    const deck = await t.db.deck.findUniqueOrThrow({ where: { id: deckId } });
    expect(deck.contentVersion).toBe(version + 1);
    expect(deck.sourceMarkdown).toContain(NEW);
    const counts = result.ok ? result.counts : null;
    expect([deck.editedAt, deck.editAdded, deck.editChanged, deck.editRetired]).toEqual([
      later(60),
      counts!.created,
      counts!.updated,
      counts!.retired,
    ]);
    expect([counts!.created, counts!.retired]).toEqual([added.length, retired.length]);
    const page = await getDeck(t.db, { userId: author.userId }, deckId);
    expect(page!.lastEdit).toEqual({
      at: later(60),
      added: counts!.created,
      changed: counts!.updated,
      retired: counts!.retired,
    });
    expect(
      await t.db.rateLimitEvent.count({
        where: { bucket: "deck-edits:user", key: author.userId },
      }),
    ).toBe(1);
  });

  it("retires the questions of a removed sentence and changes nothing when the edit fails", async () => {
    const author = await newUser();
    const deckId = await saveDeck(author.userId);
    const line = DOCUMENT.split("\n").find((l) => l.startsWith("- **Image size:**"))!;
    const before = await activeQuestions(deckId);
    const gone = before.filter((q) => q.source.quote.includes("VMDK disk"));
    expect(gone.length).toBeGreaterThan(0);

    const failed = await updateOwnDeck(t.db, {
      userId: author.userId,
      deckId,
      bytes: bytes(DOCUMENT.replace("### Container:", "### :")),
      now: later(5),
    });
    expect(failed.ok).toBe(false);
    expect((await activeQuestions(deckId)).map((q) => q.id)).toEqual(before.map((q) => q.id));

    const result = await updateOwnDeck(t.db, {
      userId: author.userId,
      deckId,
      bytes: bytes(DOCUMENT.replace(`${line}\n`, "")),
      now: later(10),
    });
    expect(result.ok).toBe(true);
    const stored = await t.db.question.findMany({ where: { id: { in: gone.map((q) => q.id) } } });
    expect(stored).toHaveLength(gone.length);
    expect(stored.every((row) => row.retiredAt?.getTime() === later(10).getTime())).toBe(true);
  });
});
