import crypto from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RateLimit } from "@/lib/core/rate-limits/rate-limit";
import type { Question } from "@/lib/core/deck/types";
import { registerUser } from "@/lib/server/auth/accounts";
import { getDeck } from "@/lib/server/decks/queries";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { RateLimitedError } from "@/lib/server/errors";
import { createGuestLearner } from "@/lib/server/learners";
import { getInterview } from "@/lib/server/practice/interview-queries";
import {
  checkInterviewAnswer,
  startInterview,
  submitInterviewAnswer,
} from "@/lib/server/practice/interviews";
import {
  retryMissedQuestions,
  startPracticeAttempt,
  submitPracticeAnswer,
} from "@/lib/server/practice/practice-attempts";
import { getPracticeAttempt } from "@/lib/server/practice/practice-queries";
import {
  InterviewAnswerSchema,
  PracticeAnswerSchema,
  StartPracticeSchema,
} from "@/lib/server/practice/schemas";
import {
  consumeRateLimits,
  pruneRateLimitEvents,
} from "@/lib/server/rate-limits/consume-rate-limits";
import { LONGEST_WINDOW_MS, RATE_LIMITS } from "@/lib/server/rate-limits/limits";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

/*
 * Every limit of lib/server/rate-limits/limits.ts at its real value: the requests up to it pass,
 * the next one is refused with the right wait, nothing is stored for it, and other learners or
 * addresses are not affected. Each test has a database of its own.
 */

const DECK = "containers-vs-pods.en";
const NOW = new Date("2026-03-02T06:00:00Z");
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const ADDRESS = "198.51.100.20";

let base: TestDatabase;
let t: TestDatabase;
let deckQuestions: Question[];

// One synced deck, copied per test (a sync takes a second or two).
beforeAll(async () => {
  base = createTestDatabase();
  await syncDecks(base.db, { sourcesDir: "data/sources", now: NOW });
  deckQuestions = (await getDeck(base.db, {}, DECK))!.questions;
  await base.settle();
  return () => base.cleanup();
});
beforeEach(() => {
  t = createTestDatabase({ from: base.file });
});
afterEach(() => t.cleanup());

async function newGuest() {
  return (await t.db.learner.create({ data: {} })).id;
}

async function newAccountLearner() {
  const user = await t.db.user.create({ data: { email: `${crypto.randomUUID()}@example.test` } });
  return (await t.db.learner.create({ data: { userId: user.id } })).id;
}

/** `n` requests of `key` counted by `limit` a minute before NOW, as consumeRateLimits records them. */
async function countedBefore(limit: RateLimit, key: string, n: number) {
  await t.db.rateLimitEvent.createMany({
    data: Array.from({ length: n }, () => ({
      bucket: limit.bucket,
      key,
      createdAt: at(-MINUTE_MS),
    })),
  });
}

/** The RateLimitedError a call fails with (the test fails when it does not). */
async function refusal(call: Promise<unknown>): Promise<RateLimitedError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

describe("guests per address", () => {
  const guest = (address: string, now = NOW) =>
    createGuestLearner(t.db, { timeZone: "UTC", address, now });

  it("creates 100 guests an hour per address, then refuses until the first leaves the window", async () => {
    const { max, windowMs } = RATE_LIMITS.guestsPerAddress;
    expect([max, windowMs]).toEqual([100, HOUR_MS]);
    for (let i = 0; i < max; i++) await guest(ADDRESS, at(i * 1000));
    const error = await refusal(guest(ADDRESS, at(30 * MINUTE_MS)));
    expect(error.limit).toBe("guests:address");
    expect(error.retryAfterSeconds).toBe(30 * 60);
    expect(await t.db.learner.count()).toBe(max);
    // Another address is not affected; this one is free again an hour after its first guest.
    await guest("198.51.100.21", at(30 * MINUTE_MS));
    await guest(ADDRESS, at(HOUR_MS + 1));
    expect(await t.db.learner.count()).toBe(max + 2);
  });
});

describe("registrations per address", () => {
  const signUp = (email: string, address: string | null, now = NOW) =>
    registerUser(t.db, {
      email,
      password: "correct horse battery staple",
      guestLearnerId: null,
      ...(address ? { limitedBy: { address, now } } : {}),
    });

  it("counts 50 sign-ups an hour per address, taken emails too; the command line is not limited", async () => {
    const { max, windowMs } = RATE_LIMITS.registrationsPerAddress;
    expect([max, windowMs]).toEqual([50, HOUR_MS]);
    await signUp("first@example.test", ADDRESS);
    // Each attempt costs a password hash, whether or not the email is free.
    for (let i = 1; i < max; i++) {
      await expect(signUp("first@example.test", ADDRESS, at(i * 1000))).rejects.toMatchObject({
        message: "email_taken",
      });
    }
    const error = await refusal(signUp("second@example.test", ADDRESS, at(10 * MINUTE_MS)));
    expect(error.limit).toBe("registrations:address");
    expect(error.retryAfterSeconds).toBe(50 * 60);
    expect(await t.db.user.count({ where: { email: "second@example.test" } })).toBe(0);

    await signUp("third@example.test", "198.51.100.21", at(10 * MINUTE_MS));
    await signUp("fourth@example.test", null);
    await signUp("second@example.test", ADDRESS, at(HOUR_MS + 1));
    expect(await t.db.user.count()).toBe(4);
  });
});

describe("study answers per learner", () => {
  const question = () => deckQuestions[0]!;
  const answer = (cardVersion: number | null, clientAnswerId = crypto.randomUUID()) => ({
    clientAnswerId,
    questionId: question().id,
    cardVersion,
    answer: { type: "reveal" as const },
    rating: 3 as const,
    durationMs: 400,
  });

  it("takes 120 answers a minute, then refuses new ones but still replays stored ones", async () => {
    const { max, windowMs } = RATE_LIMITS.studyAnswersPerLearner;
    expect([max, windowMs]).toEqual([120, MINUTE_MS]);
    const learnerId = await newGuest();
    const first = answer(null);
    await submitAnswer(t.db, { learnerId, input: first, now: NOW });
    for (let v = 0; v < max - 1; v++) {
      await submitAnswer(t.db, { learnerId, input: answer(v), now: at((v + 1) * 400) });
    }
    const now = at(50_000);
    const error = await refusal(submitAnswer(t.db, { learnerId, input: answer(max - 1), now }));
    expect(error.limit).toBe("study-answers:learner");
    // The first answer (at NOW) leaves the one-minute window 10 s from then.
    expect(error.retryAfterSeconds).toBe(10);
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(max);

    // A retry of a stored answer adds nothing: it gets its result, at the limit too.
    const replay = await submitAnswer(t.db, { learnerId, input: first, now });
    expect(replay.replayed).toBe(true);
    // Answers fed from a practice test or an interview are counted by their own limit.
    await submitAnswer(t.db, { learnerId, input: answer(max - 1), now, answerLimit: null });
    // Another learner is not affected; this one may answer again once the first answer is out.
    await submitAnswer(t.db, { learnerId: await newGuest(), input: answer(null), now });
    await submitAnswer(t.db, { learnerId, input: answer(max), now: at(MINUTE_MS + 400) });
    expect(await t.db.reviewLog.count({ where: { learnerId } })).toBe(max + 2);
  });

  it("applies an injected limit the same way", async () => {
    const tight: RateLimit = {
      bucket: "study-answers:test",
      max: 3,
      windowMs: 10_000,
      per: "learner",
    };
    const learnerId = await newGuest();
    for (let v = 0; v < 3; v++) {
      const input = answer(v === 0 ? null : v - 1);
      await submitAnswer(t.db, { learnerId, input, now: at(v * 1000), answerLimit: tight });
    }
    const error = await refusal(
      submitAnswer(t.db, { learnerId, input: answer(2), now: at(3000), answerLimit: tight }),
    );
    expect([error.limit, error.retryAfterSeconds]).toEqual(["study-answers:test", 7]);
  });
});

describe("practice answers per learner", () => {
  const byId = () => new Map(deckQuestions.map((q) => [q.id, q]));
  const input = (question: Question, clientAnswerId: string = crypto.randomUUID()) =>
    PracticeAnswerSchema.parse({
      clientAnswerId,
      questionId: question.id,
      answer: { type: "reveal" },
      knewIt: true,
      durationMs: 300,
    });

  it("takes 120 answers a minute across finished and open tests, then refuses new ones", async () => {
    const { max, windowMs } = RATE_LIMITS.practiceAnswersPerLearner;
    expect([max, windowMs]).toEqual([120, MINUTE_MS]);
    const learnerId = await newGuest();
    const questions = byId();
    let answered = 0;
    let ms = 0;
    let last: { attemptId: string; questionId: string; clientAnswerId: string } | null = null;
    const pending: { attemptId: string; question: Question }[] = [];
    for (let seed = 1; answered < max + 1; seed++) {
      const { attemptId } = await startPracticeAttempt(t.db, {
        learnerId,
        address: ADDRESS,
        input: StartPracticeSchema.parse({
          clientId: crypto.randomUUID(),
          deckId: DECK,
          count: 50,
          seed,
        }),
        now: at(ms),
      });
      const attempt = await getPracticeAttempt(t.db, { learnerId, attemptId });
      for (const question of attempt.questions) {
        const q = questions.get(question.id)!;
        if (answered === max) {
          pending.push({ attemptId, question: q });
          continue;
        }
        const one = input(q);
        // Self-graded kinds need knewIt; the others are graded (and simply wrong here).
        await submitPracticeAnswer(t.db, { learnerId, attemptId, input: one, now: at(ms) });
        last = { attemptId, questionId: q.id, clientAnswerId: one.clientAnswerId };
        answered += 1;
        ms += 250;
      }
      if (pending.length > 0) break;
    }
    // Answers of tests finished inside the window count as well as those of the open one.
    expect(
      await t.db.practiceAttempt.count({ where: { learnerId, finishedAt: { not: null } } }),
    ).toBeGreaterThan(0);
    const next = pending[0]!;
    const error = await refusal(
      submitPracticeAnswer(t.db, {
        learnerId,
        attemptId: next.attemptId,
        input: input(next.question),
        now: at(ms),
      }),
    );
    expect(error.limit).toBe("practice-answers:learner");
    expect(error.retryAfterSeconds).toBe(Math.ceil((MINUTE_MS - ms) / 1000));
    expect(await t.db.practiceAnswer.count({ where: { attempt: { learnerId } } })).toBe(max);

    // The stored answer to a question is replayed even at the limit.
    const replay = await submitPracticeAnswer(t.db, {
      learnerId,
      attemptId: last!.attemptId,
      input: input(questions.get(last!.questionId)!, last!.clientAnswerId),
      now: at(ms),
    });
    expect(replay.replayed).toBe(true);
    // Once the first answers leave the window, new ones are taken again.
    await submitPracticeAnswer(t.db, {
      learnerId,
      attemptId: next.attemptId,
      input: input(next.question),
      now: at(MINUTE_MS + 1),
    });
    expect(await t.db.practiceAnswer.count({ where: { attempt: { learnerId } } })).toBe(max + 1);
  });
});

describe("interview answers per learner", () => {
  it("takes 60 answers a minute, then refuses the next one", async () => {
    const { max, windowMs } = RATE_LIMITS.interviewAnswersPerLearner;
    expect([max, windowMs]).toEqual([60, MINUTE_MS]);
    const learnerId = await newGuest();
    const answer = (position: number) =>
      InterviewAnswerSchema.parse({ position, clientAnswerId: crypto.randomUUID(), text: "x" });
    let answered = 0;
    let ms = 0;
    for (let seed = 1; ; seed++) {
      const { sessionId } = await startInterview(t.db, {
        learnerId,
        address: ADDRESS,
        input: {
          clientId: crypto.randomUUID(),
          deckId: DECK,
          count: 20,
          secondsPerQuestion: 600,
          seed,
        },
        now: at(ms),
      });
      const { items } = await getInterview(t.db, { learnerId, sessionId, now: at(ms) });
      for (const { position } of items) {
        if (answered === max) {
          const error = await refusal(
            submitInterviewAnswer(t.db, {
              learnerId,
              sessionId,
              input: answer(position),
              now: at(ms),
            }),
          );
          expect(error.limit).toBe("interview-answers:learner");
          expect(error.retryAfterSeconds).toBe(Math.ceil((MINUTE_MS - ms) / 1000));
          const stored = await t.db.interviewAnswer.count({
            where: { session: { learnerId }, answeredAt: { not: null } },
          });
          expect(stored).toBe(max);
          await submitInterviewAnswer(t.db, {
            learnerId,
            sessionId,
            input: answer(position),
            now: at(MINUTE_MS + 1),
          });
          return;
        }
        await submitInterviewAnswer(t.db, {
          learnerId,
          sessionId,
          input: answer(position),
          now: at(ms),
        });
        await checkInterviewAnswer(t.db, {
          learnerId,
          sessionId,
          input: { position, coveredPoints: [0] },
          now: at(ms),
        });
        answered += 1;
        ms += 500;
      }
    }
  });
});

describe("practice tests per learner and per guest address", () => {
  const start = (
    learnerId: string,
    options: { address?: string; now?: Date; clientId?: string } = {},
  ) =>
    startPracticeAttempt(t.db, {
      learnerId,
      address: options.address ?? ADDRESS,
      input: StartPracticeSchema.parse({
        clientId: options.clientId ?? crypto.randomUUID(),
        deckId: DECK,
        count: 5,
      }),
      now: options.now ?? NOW,
    });

  it("starts 60 tests an hour per learner, retries of missed questions included", async () => {
    const { max, windowMs } = RATE_LIMITS.practiceTestsPerLearner;
    expect([max, windowMs]).toEqual([60, HOUR_MS]);
    const learnerId = await newAccountLearner();
    // A finished test with mistakes, so that it can be retried.
    const { attemptId } = await start(learnerId);
    const attempt = await getPracticeAttempt(t.db, { learnerId, attemptId });
    for (const question of attempt.questions) {
      await submitPracticeAnswer(t.db, {
        learnerId,
        attemptId,
        input: PracticeAnswerSchema.parse({
          clientAnswerId: crypto.randomUUID(),
          questionId: question.id,
          answer: { type: "text", text: "wrong" },
          knewIt: false,
          durationMs: 1000,
        }),
        now: NOW,
      });
    }
    const retry = () =>
      retryMissedQuestions(t.db, {
        learnerId,
        address: ADDRESS,
        attemptId,
        clientId: crypto.randomUUID(),
        now: at(MINUTE_MS),
      });
    await retry();
    for (let i = 2; i < max; i++) await start(learnerId, { now: at(i * 1000) });
    const clientId = crypto.randomUUID();
    const error = await refusal(start(learnerId, { clientId, now: at(MINUTE_MS) }));
    expect(error.limit).toBe("practice-tests:learner");
    expect(error.retryAfterSeconds).toBe(59 * 60);
    expect(await refusal(retry())).toMatchObject({ limit: "practice-tests:learner" });
    expect(await t.db.practiceAttempt.count({ where: { learnerId } })).toBe(max);
    // A retried start of a test that exists is answered, at the limit too.
    const existing = await t.db.practiceAttempt.findFirstOrThrow({ where: { learnerId } });
    const replay = await start(learnerId, { clientId: existing.clientId, now: at(MINUTE_MS) });
    expect(replay).toEqual({ attemptId: existing.id, replayed: true });
    await start(learnerId, { clientId, now: at(HOUR_MS + 1) });
  });

  it("starts 300 tests an hour per address for guests; accounts count only their own", async () => {
    const { max } = RATE_LIMITS.practiceTestsPerGuestAddress;
    expect(max).toBe(300);
    // The address's first 299 starts, as counted (starting them takes a while), then a real one.
    await countedBefore(RATE_LIMITS.practiceTestsPerGuestAddress, ADDRESS, max - 1);
    await start(await newGuest());
    const error = await refusal(start(await newGuest()));
    expect(error.limit).toBe("practice-tests:address");
    await start(await newAccountLearner());
    await start(await newGuest(), { address: "198.51.100.21" });
  });
});

describe("interviews per learner and per guest address", () => {
  const start = (learnerId: string, address = ADDRESS) =>
    startInterview(t.db, {
      learnerId,
      address,
      input: { clientId: crypto.randomUUID(), deckId: DECK, count: 1, secondsPerQuestion: 60 },
      now: NOW,
    });

  it("starts 20 interviews an hour per learner", async () => {
    const { max, windowMs } = RATE_LIMITS.interviewsPerLearner;
    expect([max, windowMs]).toEqual([20, HOUR_MS]);
    const learnerId = await newAccountLearner();
    for (let i = 0; i < max; i++) await start(learnerId);
    expect((await refusal(start(learnerId))).limit).toBe("interviews:learner");
    expect(await t.db.interviewSession.count({ where: { learnerId } })).toBe(max);
  });

  it("starts 100 interviews an hour per address for guests; accounts count only their own", async () => {
    const { max } = RATE_LIMITS.interviewsPerGuestAddress;
    expect(max).toBe(100);
    await countedBefore(RATE_LIMITS.interviewsPerGuestAddress, ADDRESS, max - 1);
    await start(await newGuest());
    expect((await refusal(start(await newGuest()))).limit).toBe("interviews:address");
    await start(await newAccountLearner());
    await start(await newGuest(), "198.51.100.21");
  });
});

// The entries themselves; tests/integration/live-games.test.ts checks that creating a game
// calls its limit, and tests/integration/own-decks.test.ts that saving and editing call theirs. (The join-code limit is
// checked through /join in tests/integration/classes.test.ts.)
describe.each([
  ["liveGamesPerUser", 20, HOUR_MS],
  ["deckSavesPerUser", 20, HOUR_MS],
  ["deckEditsPerUser", 60, HOUR_MS],
] as const)("%s", (name, max, windowMs) => {
  it(`allows ${max} per ${windowMs / MINUTE_MS} minutes and key`, async () => {
    const limit = RATE_LIMITS[name];
    expect([limit.max, limit.windowMs]).toEqual([max, windowMs]);
    const consume = (key: string, now = NOW) =>
      consumeRateLimits(t.db, { checks: [{ limit, key }], now });
    for (let i = 0; i < max; i++) await consume("k1");
    const error = await refusal(consume("k1", at(1000)));
    expect([error.limit, error.retryAfterSeconds]).toEqual([limit.bucket, windowMs / 1000 - 1]);
    await consume("k2", at(1000));
    await consume("k1", at(windowMs + 1));
  });
});

describe("pruning RateLimitEvent", () => {
  it("holds no more than one window of each limit, however long the traffic runs", async () => {
    // Three hours of steady traffic, a request of every stored limit each minute from a new key,
    // plus a limit that goes quiet after the first hour and an unknown bucket (a renamed limit).
    const stored = Object.values(RATE_LIMITS).filter(
      (l) =>
        !["study-answers", "practice-answers", "interview-answers"].includes(
          l.bucket.split(":")[0]!,
        ),
    );
    const retired = {
      bucket: "retired:learner",
      max: 1000,
      windowMs: HOUR_MS,
      per: "learner",
    } as const;
    let largest = 0;
    for (let minute = 0; minute < 3 * 60; minute++) {
      const now = at(minute * MINUTE_MS);
      if (minute < 60) {
        await t.db.rateLimitEvent.create({
          data: { bucket: "renamed:address", key: `old-${minute}`, createdAt: now },
        });
        await consumeRateLimits(t.db, { checks: [{ limit: retired, key: `r-${minute}` }], now });
      }
      const limit = stored[minute % stored.length]!;
      await consumeRateLimits(t.db, { checks: [{ limit, key: `k-${minute}` }], now });
      largest = Math.max(largest, await t.db.rateLimitEvent.count());
    }
    // At most one request a minute per stored limit within its window, plus the first hour's
    // extra rows while they last.
    expect(largest).toBeLessThanOrEqual(60 + 60 + 60 + 1);
    const left = await t.db.rateLimitEvent.findMany({ select: { bucket: true, createdAt: true } });
    const oldest = at((3 * 60 - 1) * MINUTE_MS - LONGEST_WINDOW_MS).getTime();
    expect(left.every((row) => row.createdAt.getTime() > oldest)).toBe(true);
    expect(
      left.filter((row) => ["retired:learner", "renamed:address"].includes(row.bucket)),
    ).toEqual([]);
  });

  it("deletes an expired row of any bucket, counting how many", async () => {
    await t.db.rateLimitEvent.createMany({
      data: [
        { bucket: RATE_LIMITS.joinCodeAttemptsPerAddress.bucket, key: "a", createdAt: NOW },
        { bucket: RATE_LIMITS.guestsPerAddress.bucket, key: "a", createdAt: NOW },
        { bucket: "unknown:learner", key: "a", createdAt: NOW },
      ],
    });
    // After 10 minutes only the join-code attempt is out of its window; after an hour, all.
    expect(await pruneRateLimitEvents(t.db, { now: at(10 * MINUTE_MS) })).toBe(1);
    expect(await pruneRateLimitEvents(t.db, { now: at(HOUR_MS) })).toBe(2);
    expect(await t.db.rateLimitEvent.count()).toBe(0);
  });
});
