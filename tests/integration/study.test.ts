import crypto from "node:crypto";
import { fsrs, generatorParameters, createEmptyCard, Rating, type Grade } from "ts-fsrs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { ConflictError } from "@/lib/server/errors";
import { getStudyCard, type StudyCard } from "@/lib/server/study/get-study-card";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { undoAnswer } from "@/lib/server/study/undo-answer";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.ru";
// 09:00 in Moscow (UTC+3).
const DAY_ONE = new Date("2026-03-02T06:00:00Z");

let t: TestDatabase;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: DAY_ONE });
});
afterAll(() => t.cleanup());

async function newLearner() {
  const learner = await t.db.learner.create({
    data: { timeZone: "Europe/Moscow", settings: JSON.stringify({ enableFuzz: false }) },
  });
  return learner.id;
}

async function nextCard(learnerId: string, now: Date) {
  return getStudyCard(t.db, { learnerId, deckIds: [DECK], now });
}

function answerOf(
  card: StudyCard,
  rating: 1 | 2 | 3 | 4,
  clientAnswerId: string = crypto.randomUUID(),
) {
  return {
    clientAnswerId,
    questionId: card.question.id,
    cardVersion: card.cardVersion,
    answer: { type: "reveal" as const },
    rating,
    durationMs: 3000,
  };
}

describe("the study queue", () => {
  it("introduces at most the daily number of new cards, never two from the same fact", async () => {
    // Fewer than the deck's distinct facts, so the daily limit is what stops the queue.
    const learnerId = (
      await t.db.learner.create({
        data: {
          timeZone: "Europe/Moscow",
          settings: JSON.stringify({ enableFuzz: false, newCardsPerDay: 10 }),
        },
      })
    ).id;
    const first = await nextCard(learnerId, DAY_ONE);
    expect(first.counts.new).toBe(10);
    const siblings: string[] = [];
    let now = DAY_ONE;
    for (let i = 0; i < 40; i++) {
      const state = await nextCard(learnerId, now);
      if (!state.card) break;
      expect(state.card.reason).toBe("new");
      siblings.push(state.card.question.siblingKey);
      await submitAnswer(t.db, { learnerId, input: answerOf(state.card, 3), now });
      now = new Date(now.getTime() + 5_000);
    }
    expect(siblings).toHaveLength(10);
    expect(new Set(siblings).size).toBe(10);
    const done = await nextCard(learnerId, now);
    expect(done.card).toBeNull();
    // The cards answered Good are in their 10-minute learning step: that is when the next one is due.
    expect(new Date(done.nextDueAt ?? 0).getTime()).toBe(DAY_ONE.getTime() + 10 * 60_000);
  });
});

describe("submitting answers", () => {
  it("applies a retried submit once and replays its result", async () => {
    const learnerId = await newLearner();
    const { card } = await nextCard(learnerId, DAY_ONE);
    const input = answerOf(card!, 3);
    const first = await submitAnswer(t.db, { learnerId, input, now: DAY_ONE });
    const again = await submitAnswer(t.db, {
      learnerId,
      input,
      now: new Date(DAY_ONE.getTime() + 1000),
    });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(1);
  });

  it("applies concurrent twins once", async () => {
    const learnerId = await newLearner();
    const { card } = await nextCard(learnerId, DAY_ONE);
    const input = answerOf(card!, 2);
    const results = await Promise.all(
      [1, 2, 3].map(() => submitAnswer(t.db, { learnerId, input, now: DAY_ONE })),
    );
    expect(new Set(results.map((r) => r.due)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(1);
  });

  it("refuses an answer to a card that changed since it was shown (second tab)", async () => {
    const learnerId = await newLearner();
    const { card } = await nextCard(learnerId, DAY_ONE);
    await submitAnswer(t.db, { learnerId, input: answerOf(card!, 1), now: DAY_ONE });
    const otherTab = submitAnswer(t.db, { learnerId, input: answerOf(card!, 4), now: DAY_ONE });
    await expect(otherTab).rejects.toThrow(ConflictError);
    await expect(otherTab).rejects.toMatchObject({ code: "already_answered" });
    const stored = await t.db.card.findFirstOrThrow({ where: { learnerId } });
    expect(stored.reps).toBe(1);
  });

  it("applies one of two concurrent answers to a card already studied, whatever the order", async () => {
    const learnerId = await newLearner();
    const { card } = await nextCard(learnerId, DAY_ONE);
    await submitAnswer(t.db, { learnerId, input: answerOf(card!, 1), now: DAY_ONE });
    // Both tabs show the card as that first answer left it: version 0.
    const shown = { ...card!, cardVersion: 0 };
    const retried = answerOf(shown, 3);
    const outcomes = await Promise.allSettled([
      submitAnswer(t.db, { learnerId, input: answerOf(shown, 4), now: DAY_ONE }),
      submitAnswer(t.db, { learnerId, input: retried, now: DAY_ONE }),
      submitAnswer(t.db, { learnerId, input: retried, now: DAY_ONE }),
    ]);
    const applied = outcomes.filter((o) => o.status === "fulfilled" && !o.value.replayed);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(applied).toHaveLength(1);
    for (const o of refused) expect(o.reason).toBeInstanceOf(ConflictError);
    const stored = await t.db.card.findFirstOrThrow({ where: { learnerId } });
    expect(stored.reps).toBe(2);
    expect(stored.version).toBe(1);
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(2);
  });

  it("grades objective kinds on the server and stores the answer given", async () => {
    const learnerId = await newLearner();
    const question = await t.db.question.findFirstOrThrow({
      where: { deckId: DECK, kind: "true-false" },
    });
    await submitAnswer(t.db, {
      learnerId,
      input: {
        clientAnswerId: crypto.randomUUID(),
        questionId: question.id,
        cardVersion: null,
        answer: { type: "boolean", value: true },
        rating: 3,
        durationMs: 2000,
      },
      now: DAY_ONE,
    });
    const log = await t.db.reviewLog.findFirstOrThrow({ where: { learnerId } });
    expect(JSON.parse(log.answer ?? "null")).toEqual({ type: "boolean", value: true });
    expect(typeof log.correct).toBe("boolean");
  });
});

describe("undo", () => {
  it("restores the card exactly and removes its log", async () => {
    const learnerId = await newLearner();
    let now = DAY_ONE;
    const { card } = await nextCard(learnerId, now);
    await submitAnswer(t.db, { learnerId, input: answerOf(card!, 3), now });
    now = new Date(now.getTime() + 11 * 60_000);
    const learning = await nextCard(learnerId, now);
    expect(learning.card?.question.id).toBe(card!.question.id);
    const before = await t.db.card.findFirstOrThrow({ where: { learnerId } });

    const input = answerOf(learning.card!, 1);
    await submitAnswer(t.db, { learnerId, input, now });
    await expect(
      undoAnswer(t.db, { learnerId, clientAnswerId: crypto.randomUUID() }),
    ).rejects.toThrow(/no such answer/);
    await undoAnswer(t.db, { learnerId, clientAnswerId: input.clientAnswerId });

    const after = await t.db.card.findFirstOrThrow({ where: { learnerId } });
    // Everything but the bookkeeping columns an undo is allowed to touch.
    const fields = (card: typeof before) => ({ ...card, version: 0, updatedAt: null });
    expect(fields(after)).toEqual(fields(before));
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(1);
  });
});

describe("studying for days with a simulated clock", () => {
  it("logs every answer once and schedules exactly as FSRS does", async () => {
    const learnerId = await newLearner();
    const scheduler = fsrs(
      generatorParameters({
        enable_fuzz: false,
        enable_short_term: true,
        learning_steps: ["1m", "10m"],
        relearning_steps: ["10m"],
      }),
    );
    let reference = createEmptyCard(DAY_ONE);
    let tracked: string | null = null;
    let submits = 0;

    for (let day = 0; day < 30; day++) {
      let now = new Date(DAY_ONE.getTime() + day * 86_400_000);
      for (let step = 0; step < 200; step++) {
        const state = await nextCard(learnerId, now);
        if (!state.card) break;
        tracked ??= state.card.question.id;
        // Again on the first day for every third card, Good otherwise: lapses and relearning happen too.
        const rating: 1 | 3 = day === 0 && submits % 3 === 0 ? 1 : 3;
        await submitAnswer(t.db, { learnerId, input: answerOf(state.card, rating), now });
        if (state.card.question.id === tracked) {
          reference = scheduler.next(reference, now, rating as Grade).card;
          const stored = await t.db.card.findFirstOrThrow({
            where: { learnerId, questionId: tracked },
          });
          expect(stored.due.toISOString()).toBe(reference.due.toISOString());
          expect(stored.stability).toBeCloseTo(reference.stability, 10);
        }
        submits += 1;
        now = new Date(now.getTime() + 20_000);
      }
      // Later in the same day, the learning cards come back.
      now = new Date(DAY_ONE.getTime() + day * 86_400_000 + 3 * 3_600_000);
      for (let step = 0; step < 200; step++) {
        const state = await nextCard(learnerId, now);
        if (!state.card) break;
        await submitAnswer(t.db, { learnerId, input: answerOf(state.card, Rating.Good), now });
        if (state.card.question.id === tracked)
          reference = scheduler.next(reference, now, Rating.Good).card;
        submits += 1;
        now = new Date(now.getTime() + 20_000);
      }
    }
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(submits);
    const trackedCard = await t.db.card.findFirstOrThrow({
      where: { learnerId, questionId: tracked ?? "" },
    });
    expect(trackedCard.due.toISOString()).toBe(reference.due.toISOString());
    expect(trackedCard.scheduledDays).toBeGreaterThan(3);
  }, 120_000);
});

describe("studying one aspect", () => {
  it("shows only questions about the chosen aspect, and nothing for an aspect the decks lack", async () => {
    const learnerId = await newLearner();
    const questions = await t.db.question.findMany({
      where: { deckId: DECK, retiredAt: null },
      select: { id: true, aspect: true, siblingKey: true },
    });
    const aspectOf = new Map(questions.map((q) => [q.id, q.aspect]));
    const networkingFacts = new Set(
      questions.filter((q) => q.aspect === "networking").map((q) => q.siblingKey),
    );
    const shown: string[] = [];
    let now = DAY_ONE;
    for (let i = 0; i < 30; i++) {
      const { card } = await getStudyCard(t.db, {
        learnerId,
        deckIds: [DECK],
        aspects: ["networking"],
        now,
      });
      if (!card) break;
      shown.push(aspectOf.get(card.question.id) ?? "");
      await submitAnswer(t.db, { learnerId, input: answerOf(card, 4), now });
      now = new Date(now.getTime() + 5_000);
    }
    // One new card per fact a day (siblings wait), all of them about networking.
    expect(shown).toHaveLength(networkingFacts.size);
    expect(new Set(shown)).toEqual(new Set(["networking"]));

    const none = await getStudyCard(t.db, {
      learnerId,
      deckIds: [DECK],
      aspects: ["no-such-aspect"],
      now,
    });
    expect(none).toEqual({
      card: null,
      counts: { learning: 0, review: 0, new: 0 },
      nextDueAt: null,
    });
  });
});
