import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Question } from "@/lib/core/deck/types";
import { Rating, State } from "@/lib/core/study";
import { mergeGuestIntoUser } from "@/lib/server/auth/accounts";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { BadRequestError, ConflictError, NotFoundError } from "@/lib/server/errors";
import { getInterview, listInterviews } from "@/lib/server/practice/interview-queries";
import {
  checkInterviewAnswer,
  DEADLINE_GRACE_MS,
  startInterview,
  submitInterviewAnswer,
} from "@/lib/server/practice/interviews";
import {
  retryMissedQuestions,
  startPracticeAttempt,
  submitPracticeAnswer,
} from "@/lib/server/practice/practice-attempts";
import { getPracticeAttempt, listPracticeAttempts } from "@/lib/server/practice/practice-queries";
import {
  InterviewAnswerSchema,
  PracticeAnswerSchema,
  StartPracticeSchema,
} from "@/lib/server/practice/schemas";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { answerFor } from "../setup/practice-answers";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.en";
const NOW = new Date("2026-03-02T06:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const ADDRESS = "203.0.113.5";

let t: TestDatabase;
let questions: Map<string, Question>;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
  const deck = await getDeck(t.db, {}, DECK);
  questions = new Map(deck!.questions.map((q) => [q.id, q]));
});
afterAll(() => t.cleanup());

async function newLearner() {
  return (await t.db.learner.create({ data: { timeZone: "UTC" } })).id;
}

function startInput(overrides: Partial<Parameters<typeof StartPracticeSchema.parse>[0]> = {}) {
  return StartPracticeSchema.parse({
    clientId: crypto.randomUUID(),
    deckId: DECK,
    count: 10,
    seed: 1234,
    ...overrides,
  });
}

function answerInput(question: Question, right: boolean, clientAnswerId = crypto.randomUUID()) {
  return PracticeAnswerSchema.parse({
    clientAnswerId,
    questionId: question.id,
    durationMs: 20_000,
    ...answerFor(question, right),
  });
}

describe("practice tests", () => {
  it("draws the same questions for the same seed and respects the filters", async () => {
    const learnerId = await newLearner();
    const input = startInput({ aspects: ["networking", "lifecycle"], kinds: ["true-false"] });
    const a = await startPracticeAttempt(t.db, { address: ADDRESS, learnerId, input, now: NOW });
    const b = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId,
      input: { ...input, clientId: crypto.randomUUID() },
      now: NOW,
    });
    const viewA = await getPracticeAttempt(t.db, { learnerId, attemptId: a.attemptId });
    const viewB = await getPracticeAttempt(t.db, { learnerId, attemptId: b.attemptId });
    expect(viewB.questions.map((q) => q.id)).toEqual(viewA.questions.map((q) => q.id));
    expect(viewA.questions.length).toBeGreaterThan(0);
    for (const question of viewA.questions) {
      expect(question.kind).toBe("true-false");
      expect(["networking", "lifecycle"]).toContain(question.tags.aspect);
    }
  });

  it("starts once per client id and refuses filters nothing matches", async () => {
    const learnerId = await newLearner();
    const input = startInput();
    const first = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId,
      input,
      now: NOW,
    });
    const again = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId,
      input,
      now: NOW,
    });
    expect(again).toEqual({ attemptId: first.attemptId, replayed: true });
    expect(await t.db.practiceAttempt.count({ where: { learnerId } })).toBe(1);
    await expect(
      startPracticeAttempt(t.db, {
        address: ADDRESS,
        learnerId,
        input: startInput({ aspects: ["other:nothing"] }),
        now: NOW,
      }),
    ).rejects.toMatchObject({ status: 400, code: "no_questions" });
    await expect(
      startPracticeAttempt(t.db, {
        address: ADDRESS,
        learnerId,
        input: startInput({ deckId: "nope" }),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("grades on the server, stores each answer once, scores, and retries exactly the missed", async () => {
    const learnerId = await newLearner();
    const { attemptId } = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId,
      input: startInput(),
      now: NOW,
    });
    const asked = (await getPracticeAttempt(t.db, { learnerId, attemptId })).questions;
    expect(asked).toHaveLength(10);
    const wrongAt = new Set([1, 4, 7]);
    for (const [index, question] of asked.entries()) {
      const input = answerInput(question, !wrongAt.has(index));
      const result = await submitPracticeAnswer(t.db, {
        learnerId,
        attemptId,
        input,
        now: later(index * 1000),
      });
      expect(result).toMatchObject({ correct: !wrongAt.has(index), replayed: false });
      expect(result.finished).toBe(index === asked.length - 1);
      if (index === 0) {
        // A retried submit, and a second tab answering the same question: the first answer stands.
        const retried = await submitPracticeAnswer(t.db, { learnerId, attemptId, input, now: NOW });
        expect(retried).toMatchObject({ correct: true, replayed: true });
        const otherTab = await submitPracticeAnswer(t.db, {
          learnerId,
          attemptId,
          input: answerInput(question, false),
          now: NOW,
        });
        expect(otherTab).toMatchObject({ correct: true, replayed: true });
      }
    }
    expect(await t.db.practiceAnswer.count({ where: { attemptId } })).toBe(10);

    const view = await getPracticeAttempt(t.db, { learnerId, attemptId });
    expect(view.finishedAt).toEqual(later(9000));
    expect(view.score).toMatchObject({ total: 10, correct: 7, percent: 70 });
    const missed = asked.filter((_, index) => wrongAt.has(index)).map((q) => q.id);
    expect(view.score.missedQuestionIds).toEqual(missed);
    expect(view.score.byAspect.reduce((sum, a) => sum + a.possible, 0)).toBe(10);

    const clientId = crypto.randomUUID();
    const retry = await retryMissedQuestions(t.db, {
      address: ADDRESS,
      learnerId,
      attemptId,
      clientId,
      now: NOW,
    });
    const again = await retryMissedQuestions(t.db, {
      address: ADDRESS,
      learnerId,
      attemptId,
      clientId,
      now: NOW,
    });
    expect(again.attemptId).toBe(retry.attemptId);
    const retryView = await getPracticeAttempt(t.db, { learnerId, attemptId: retry.attemptId });
    expect(new Set(retryView.questions.map((q) => q.id))).toEqual(new Set(missed));
    expect(retryView.questions).toHaveLength(3);
    expect(retryView.retryOfId).toBe(attemptId);

    const history = await listPracticeAttempts(t.db, { learnerId });
    expect(history.map((h) => [h.correct, h.total, h.isRetry])).toEqual(
      expect.arrayContaining([
        [7, 10, false],
        [0, 3, true],
      ]),
    );
  });

  it("refuses bad answers with 4xx errors", async () => {
    const learnerId = await newLearner();
    const { attemptId } = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId,
      input: startInput({ kinds: ["explain"], count: 5 }),
      now: NOW,
    });
    const [first] = (await getPracticeAttempt(t.db, { learnerId, attemptId })).questions;
    const noVerdict = { ...answerInput(first!, true), knewIt: undefined };
    await expect(
      submitPracticeAnswer(t.db, { learnerId, attemptId, input: noVerdict, now: NOW }),
    ).rejects.toBeInstanceOf(BadRequestError);
    const stranger = [...questions.values()].find((q) => q.kind !== "explain")!;
    await expect(
      submitPracticeAnswer(t.db, {
        learnerId,
        attemptId,
        input: answerInput(stranger, true),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      retryMissedQuestions(t.db, {
        address: ADDRESS,
        learnerId,
        attemptId,
        clientId: crypto.randomUUID(),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(PracticeAnswerSchema.safeParse({ clientAnswerId: "x" }).success).toBe(false);
    expect(StartPracticeSchema.safeParse({ ...startInput(), count: 51 }).success).toBe(false);
  });

  it("hides another learner's test: reading, answering and retrying it is 'not found'", async () => {
    const owner = await newLearner();
    const intruder = await newLearner();
    const { attemptId } = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId: owner,
      input: startInput(),
      now: NOW,
    });
    const [question] = (await getPracticeAttempt(t.db, { learnerId: owner, attemptId })).questions;
    await expect(
      getPracticeAttempt(t.db, { learnerId: intruder, attemptId }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPracticeAttempt(t.db, { learnerId: null, attemptId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      submitPracticeAnswer(t.db, {
        learnerId: intruder,
        attemptId,
        input: answerInput(question!, true),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      retryMissedQuestions(t.db, {
        address: ADDRESS,
        learnerId: intruder,
        attemptId,
        clientId: crypto.randomUUID(),
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.practiceAnswer.count({ where: { attemptId } })).toBe(0);
    expect(await listPracticeAttempts(t.db, { learnerId: intruder })).toEqual([]);
  });

  it("feeds answers to the scheduler once when asked to, with the auto-graded rating", async () => {
    const learnerId = await newLearner();
    const { attemptId } = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId,
      input: startInput({ kinds: ["true-false"], count: 5, countForReview: true }),
      now: NOW,
    });
    const [right, wrong] = (await getPracticeAttempt(t.db, { learnerId, attemptId })).questions;
    const input = answerInput(right!, true);
    await submitPracticeAnswer(t.db, { learnerId, attemptId, input, now: NOW });
    await submitPracticeAnswer(t.db, { learnerId, attemptId, input, now: NOW });
    await submitPracticeAnswer(t.db, {
      learnerId,
      attemptId,
      input: answerInput(wrong!, false),
      now: NOW,
    });
    const logs = await t.db.reviewLog.findMany({
      where: { learnerId },
      orderBy: { reviewedAt: "asc" },
    });
    // Both answers share one timestamp, so their order is not part of the contract.
    expect(logs).toHaveLength(2);
    expect(logs.map((l) => [l.questionId, l.rating, l.clientAnswerId])).toEqual(
      expect.arrayContaining([
        [right!.id, Rating.Good, input.clientAnswerId],
        [wrong!.id, Rating.Again, expect.any(String)],
      ]),
    );
    // Without the option nothing reaches the scheduler.
    const other = await newLearner();
    const plain = await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId: other,
      input: startInput({ count: 5 }),
      now: NOW,
    });
    const [q] = (await getPracticeAttempt(t.db, { learnerId: other, attemptId: plain.attemptId }))
      .questions;
    await submitPracticeAnswer(t.db, {
      learnerId: other,
      attemptId: plain.attemptId,
      input: answerInput(q!, true),
      now: NOW,
    });
    expect(await t.db.reviewLog.count({ where: { learnerId: other } })).toBe(0);
  });

  it("moves a guest's tests and interviews into the account on sign-in", async () => {
    const guest = await newLearner();
    await startPracticeAttempt(t.db, {
      address: ADDRESS,
      learnerId: guest,
      input: startInput(),
      now: NOW,
    });
    await startInterview(t.db, {
      address: ADDRESS,
      learnerId: guest,
      input: { clientId: crypto.randomUUID(), deckId: DECK, count: 3, secondsPerQuestion: 90 },
      now: NOW,
    });
    const user = await t.db.user.create({ data: { email: `p-${crypto.randomUUID()}@x.test` } });
    await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId: user.id });
    const learner = await t.db.learner.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await listPracticeAttempts(t.db, { learnerId: learner.id })).toHaveLength(1);
    expect(await listInterviews(t.db, { learnerId: learner.id })).toHaveLength(1);
  });
});

describe("mock interviews", () => {
  async function start(learnerId: string, count = 3, seed = 5) {
    const { sessionId } = await startInterview(t.db, {
      address: ADDRESS,
      learnerId,
      input: { clientId: crypto.randomUUID(), deckId: DECK, count, secondsPerQuestion: 90, seed },
      now: NOW,
    });
    return sessionId;
  }
  const answer = (position: number, text = "my answer", clientAnswerId = crypto.randomUUID()) =>
    InterviewAnswerSchema.parse({ position, clientAnswerId, text });

  it("keeps the countdown's deadline on the server and hides model answers until answered", async () => {
    const learnerId = await newLearner();
    const sessionId = await start(learnerId);
    const view = await getInterview(t.db, { learnerId, sessionId, now: later(30_000) });
    expect(view.items.map((i) => i.state)).toEqual(["open", "pending", "pending"]);
    // A reload 30 s in still has 60 s left, not a fresh 90.
    expect(view.items[0]!.remainingMs).toBe(60_000);
    expect(view.items[0]!.modelAnswer).toBeNull();
    expect(view.items[0]!.keyPoints).toBeNull();

    const input = answer(0);
    const answered = await submitInterviewAnswer(t.db, {
      learnerId,
      sessionId,
      input,
      now: later(40_000),
    });
    expect(answered.items[0]).toMatchObject({ state: "answered", timedOut: false });
    expect(answered.items[0]!.keyPoints!.length).toBeGreaterThan(0);
    // A retry with another text changes nothing.
    const replay = await submitInterviewAnswer(t.db, {
      learnerId,
      sessionId,
      input: { ...input, text: "changed" },
      now: later(41_000),
    });
    expect(replay.items[0]!.text).toBe("my answer");
    await expect(
      submitInterviewAnswer(t.db, { learnerId, sessionId, input: answer(1), now: NOW }),
    ).rejects.toMatchObject({ status: 409, code: "not_open" });
  });

  it("closes a question whose deadline passed even if the browser says otherwise", async () => {
    const learnerId = await newLearner();
    const sessionId = await start(learnerId);
    const view = await submitInterviewAnswer(t.db, {
      learnerId,
      sessionId,
      input: answer(0, "late"),
      now: later(90_000 + DEADLINE_GRACE_MS + 1),
    });
    expect(view.items[0]).toMatchObject({ timedOut: true, text: "late" });
  });

  it("scores ticked points, schedules missed items for earlier review and reports weak aspects", async () => {
    const learnerId = await newLearner();
    const sessionId = await start(learnerId);
    let view = await getInterview(t.db, { learnerId, sessionId, now: NOW });
    await expect(
      checkInterviewAnswer(t.db, {
        learnerId,
        sessionId,
        input: { position: 0, coveredPoints: [] },
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "not_answered" });

    for (const position of [0, 1, 2]) {
      view = await submitInterviewAnswer(t.db, {
        learnerId,
        sessionId,
        input: answer(position),
        now: later(position * 60_000 + 10_000),
      });
      const points = view.items[position]!.keyPoints!.map((_, i) => i);
      // All points of the first item, none of the others.
      const input = { position, coveredPoints: position === 0 ? points : [] };
      view = await checkInterviewAnswer(t.db, {
        learnerId,
        sessionId,
        input,
        now: later(position * 60_000 + 20_000),
      });
      // A retried check changes nothing and feeds nothing twice.
      view = await checkInterviewAnswer(t.db, {
        learnerId,
        sessionId,
        input: { position, coveredPoints: [0] },
        now: later(position * 60_000 + 21_000),
      });
      if (position < 2) expect(view.items[position + 1]!.state).toBe("open");
    }
    expect(view.finishedAt).toEqual(later(140_000));
    const [first, second, third] = view.items;
    expect(view.score.covered).toBe(first!.keyPoints!.length);
    expect(view.score.missedPositions).toEqual([1, 2]);
    const weak = view.report.weak.map((s) => s.aspect);
    expect(weak).toEqual(expect.arrayContaining([second!.aspect, third!.aspect]));
    if (first!.aspect !== second!.aspect && first!.aspect !== third!.aspect) {
      expect(view.report.strong.map((s) => s.aspect)).toEqual([first!.aspect]);
    }

    // Each missed item put its card into (re)learning with an Again answer, once.
    const items = JSON.parse(
      (await t.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } })).items,
    ) as { reviewQuestionId: string | null }[];
    const missedCards = [items[1]!.reviewQuestionId, items[2]!.reviewQuestionId].filter(
      (id): id is string => id !== null,
    );
    const logs = await t.db.reviewLog.findMany({ where: { learnerId } });
    expect(logs.map((l) => l.questionId).sort()).toEqual([...missedCards].sort());
    expect(logs.every((l) => l.rating === Rating.Again)).toBe(true);
    const cards = await t.db.card.findMany({ where: { learnerId } });
    for (const card of cards) {
      expect(card.state).toBe(State.Learning);
      expect(card.due.getTime()).toBeLessThan(later(200_000 + 15 * 60_000).getTime());
    }
  });

  it("hides another learner's interview", async () => {
    const owner = await newLearner();
    const intruder = await newLearner();
    const sessionId = await start(owner);
    await expect(
      getInterview(t.db, { learnerId: intruder, sessionId, now: NOW }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      submitInterviewAnswer(t.db, { learnerId: intruder, sessionId, input: answer(0), now: NOW }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      checkInterviewAnswer(t.db, {
        learnerId: intruder,
        sessionId,
        input: { position: 0, coveredPoints: [] },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const view = await getInterview(t.db, { learnerId: owner, sessionId, now: NOW });
    expect(view.items[0]!.state).toBe("open");
  });
});

describe("studying one aspect", () => {
  it("narrows the study queue to the chosen aspects", async () => {
    const learnerId = await newLearner();
    const all = await getStudyCard(t.db, { learnerId, deckIds: [DECK], now: NOW });
    const state = await getStudyCard(t.db, {
      learnerId,
      deckIds: [DECK],
      aspects: ["networking"],
      now: NOW,
    });
    expect(state.card?.question.tags.aspect).toBe("networking");
    const networking = [...questions.values()].filter((q) => q.tags.aspect === "networking");
    // Fewer new cards than the whole deck offers (siblings still wait for another day).
    expect(state.counts.new).toBeGreaterThan(0);
    expect(state.counts.new).toBeLessThanOrEqual(networking.length);
    expect(state.counts.new).toBeLessThan(all.counts.new);
  });
});
