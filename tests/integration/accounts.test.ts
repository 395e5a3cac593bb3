import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FieldError,
  changePassword,
  deleteAccount,
  exportMyData,
  mergeGuestIntoUser,
  registerUser,
} from "@/lib/server/auth/accounts";
import {
  OAuthLinkRefusedError,
  SignInBlockedError,
  createAuthSession,
  findOrCreateOAuthUser,
  getSessionUser,
  verifyCredentials,
} from "@/lib/server/auth/auth-sessions";
import { hashPassword, verifyPassword } from "@/lib/server/auth/passwords";
import { SIGN_IN_WINDOW_MS } from "@/lib/server/auth/sign-in-limits";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { getStudyCard } from "@/lib/server/study/get-study-card";
import { submitAnswer } from "@/lib/server/study/submit-answer";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.ru";
const PASSWORD = "correct horse battery staple";
const NOW = new Date("2026-03-02T06:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

let t: TestDatabase;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
});
afterAll(() => t.cleanup());

const newEmail = () => `user-${crypto.randomUUID()}@example.test`;

async function newGuest() {
  const learner = await t.db.learner.create({ data: { timeZone: "Europe/Moscow" } });
  return learner.id;
}

/** Answers the learner's next `n` cards at `now`; returns the question ids answered. */
async function study(learnerId: string, n: number, now: Date) {
  const answered: string[] = [];
  for (let i = 0; i < n; i++) {
    const { card } = await getStudyCard(t.db, { learnerId, deckIds: [DECK], now });
    if (!card) break;
    await submitAnswer(t.db, {
      learnerId,
      now,
      input: {
        clientAnswerId: crypto.randomUUID(),
        questionId: card.question.id,
        cardVersion: card.cardVersion,
        answer: { type: "reveal" },
        rating: 3,
        durationMs: 2000,
      },
    });
    answered.push(card.question.id);
  }
  return answered;
}

const cardsOf = (learnerId: string) => t.db.card.count({ where: { learnerId } });
const logsOf = (learnerId: string) => t.db.reviewLog.count({ where: { learnerId } });

describe("registering", () => {
  it("stores an argon2id hash with OWASP parameters, never the password", async () => {
    const email = newEmail();
    await registerUser(t.db, { email, password: PASSWORD, guestLearnerId: null });
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(user.passwordHash!, PASSWORD)).toBe(true);
    expect(await verifyPassword(user.passwordHash!, `${PASSWORD}!`)).toBe(false);
  });

  it("adopts the guest learner with every card and review log, nothing doubled", async () => {
    const guest = await newGuest();
    await study(guest, 5, NOW);
    const { learnerId } = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: guest,
    });
    expect(learnerId).toBe(guest);
    expect(await cardsOf(learnerId)).toBe(5);
    expect(await logsOf(learnerId)).toBe(5);
    expect(await t.db.learner.count({ where: { id: guest } })).toBe(1);
  });

  it("does not adopt a learner that already belongs to an account", async () => {
    const first = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: null,
    });
    const second = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: first.learnerId,
    });
    expect(second.learnerId).not.toBe(first.learnerId);
    const owner = await t.db.learner.findUniqueOrThrow({ where: { id: first.learnerId } });
    expect(owner.userId).toBe(first.userId);
  });

  it("refuses a taken email and a common password with field errors", async () => {
    const email = newEmail();
    await registerUser(t.db, { email, password: PASSWORD, guestLearnerId: null });
    await expect(
      registerUser(t.db, { email, password: PASSWORD, guestLearnerId: null }),
    ).rejects.toMatchObject({ field: "email", message: "email_taken" });
    await expect(
      registerUser(t.db, { email: newEmail(), password: "password1", guestLearnerId: null }),
    ).rejects.toMatchObject({ field: "password", message: "password_common" });
  });
});

describe("merging a guest into an existing account", () => {
  it("keeps the card reviewed last for a shared question and every review log", async () => {
    const { userId, learnerId } = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: null,
    });
    const guest = await newGuest();
    // The account studies 3 cards on day one; the guest studies the same first cards later,
    // plus more: the guest's copies are newer and must win.
    await study(learnerId, 3, NOW);
    const guestQuestions = await study(guest, 4, minutes(60 * 24));
    const guestCards = await t.db.card.findMany({ where: { learnerId: guest } });
    const logsBefore = (await logsOf(learnerId)) + (await logsOf(guest));

    const result = await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId });

    expect(result.movedLogs).toBe(4);
    expect(await logsOf(learnerId), "no review log lost or doubled").toBe(logsBefore);
    const merged = await t.db.card.findMany({ where: { learnerId } });
    const questions = merged.map((c) => c.questionId);
    expect(merged.length, "both studied some of the same questions").toBeLessThan(3 + 4);
    expect(new Set(questions).size, "one card per question").toBe(questions.length);
    for (const card of guestCards) {
      const kept = merged.find((c) => c.questionId === card.questionId);
      expect(kept?.id, "the newer (guest) card wins").toBe(card.id);
    }
    expect(questions).toEqual(expect.arrayContaining(guestQuestions));
    expect(await t.db.learner.count({ where: { id: guest } }), "the guest is gone").toBe(0);
    for (const card of merged) {
      const logs = await t.db.reviewLog.findMany({ where: { cardId: card.id } });
      expect(logs.every((log) => log.learnerId === learnerId)).toBe(true);
    }
  });

  it("keeps the account's card when the account reviewed it last", async () => {
    const { userId, learnerId } = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: null,
    });
    const guest = await newGuest();
    await study(guest, 2, NOW);
    await study(learnerId, 2, minutes(60));
    const accountCards = await t.db.card.findMany({ where: { learnerId } });
    await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId });
    const merged = await t.db.card.findMany({ where: { learnerId } });
    expect(merged.map((c) => c.id).sort()).toEqual(accountCards.map((c) => c.id).sort());
    expect(await logsOf(learnerId)).toBe(4);
  });

  it("is a no-op for a learner that is not a guest (a replayed merge)", async () => {
    const a = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: null,
    });
    const b = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: null,
    });
    await study(b.learnerId, 2, NOW);
    const result = await mergeGuestIntoUser(t.db, {
      guestLearnerId: b.learnerId,
      userId: a.userId,
    });
    expect(result).toEqual({ movedCards: 0, movedLogs: 0 });
    expect(await logsOf(b.learnerId)).toBe(2);
  });
});

describe("signing in", () => {
  it("gives one answer (null) for an unknown email and a wrong password", async () => {
    const email = newEmail();
    await registerUser(t.db, { email, password: PASSWORD, guestLearnerId: null });
    const ip = `10.0.0.${Math.floor(Math.random() * 200)}`;
    expect(
      await verifyCredentials(t.db, { email, password: "wrong password", ip, now: NOW }),
    ).toBeNull();
    expect(
      await verifyCredentials(t.db, { email: newEmail(), password: PASSWORD, ip, now: NOW }),
    ).toBeNull();
    expect(
      await verifyCredentials(t.db, { email, password: PASSWORD, ip, now: NOW }),
    ).toMatchObject({
      email,
      role: "learner",
    });
  });

  it("locks an account for the rest of the window after 5 failures, then lets it in", async () => {
    const email = newEmail();
    await registerUser(t.db, { email, password: PASSWORD, guestLearnerId: null });
    for (let i = 0; i < 5; i++) {
      const now = minutes(i);
      expect(
        await verifyCredentials(t.db, { email, password: "nope nope", ip: `ip-${i}`, now }),
      ).toBeNull();
    }
    const blocked = verifyCredentials(t.db, {
      email,
      password: PASSWORD,
      ip: "fresh",
      now: minutes(5),
    });
    await expect(blocked).rejects.toBeInstanceOf(SignInBlockedError);
    await expect(blocked).rejects.toMatchObject({ block: { retryAfterSeconds: 10 * 60 } });
    // The first failure leaves the window 15 minutes after it happened.
    const later = new Date(NOW.getTime() + SIGN_IN_WINDOW_MS + 1000);
    expect(
      await verifyCredentials(t.db, { email, password: PASSWORD, ip: "fresh", now: later }),
    ).not.toBeNull();
  });

  it("limits one address across accounts at 20 failures", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i++) {
      await verifyCredentials(t.db, { email: newEmail(), password: "nope nope", ip, now: NOW });
    }
    await expect(
      verifyCredentials(t.db, { email: newEmail(), password: PASSWORD, ip, now: minutes(1) }),
    ).rejects.toBeInstanceOf(SignInBlockedError);
    expect(
      await verifyCredentials(t.db, {
        email: newEmail(),
        password: PASSWORD,
        ip: "other",
        now: minutes(1),
      }),
    ).toBeNull();
  });
});

describe("sessions and the account", () => {
  it("ends a session when it expires or is deleted", async () => {
    const { userId } = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: null,
    });
    const sessionId = await createAuthSession(t.db, { userId, now: NOW });
    expect(await getSessionUser(t.db, { sessionId, now: minutes(1) })).toMatchObject({
      id: userId,
    });
    expect(await getSessionUser(t.db, { sessionId, now: minutes(60 * 24 * 31) })).toBeNull();
    expect(await getSessionUser(t.db, { sessionId: "forged", now: NOW })).toBeNull();
  });

  it("a password change needs the current password and ends every session", async () => {
    const email = newEmail();
    const { userId } = await registerUser(t.db, {
      email,
      password: PASSWORD,
      guestLearnerId: null,
    });
    const sessions = [
      await createAuthSession(t.db, { userId, now: NOW }),
      await createAuthSession(t.db, { userId, now: NOW }),
    ];
    await expect(
      changePassword(t.db, {
        userId,
        currentPassword: "wrong one",
        newPassword: "a new passphrase",
      }),
    ).rejects.toMatchObject({ field: "currentPassword", message: "current_password_wrong" });
    expect(await t.db.authSession.count({ where: { userId } })).toBe(2);

    await changePassword(t.db, {
      userId,
      currentPassword: PASSWORD,
      newPassword: "a new passphrase",
    });
    for (const sessionId of sessions) {
      expect(await getSessionUser(t.db, { sessionId, now: NOW })).toBeNull();
    }
    const ip = "pw-change";
    expect(await verifyCredentials(t.db, { email, password: PASSWORD, ip, now: NOW })).toBeNull();
    expect(
      await verifyCredentials(t.db, { email, password: "a new passphrase", ip, now: NOW }),
    ).not.toBeNull();
  });

  it("deleting an account removes all its rows and nobody else's", async () => {
    const email = newEmail();
    const mine = await registerUser(t.db, { email, password: PASSWORD, guestLearnerId: null });
    const theirs = await registerUser(t.db, {
      email: newEmail(),
      password: PASSWORD,
      guestLearnerId: null,
    });
    await study(mine.learnerId, 3, NOW);
    await study(theirs.learnerId, 2, NOW);
    await createAuthSession(t.db, { userId: mine.userId, now: NOW });

    await expect(
      deleteAccount(t.db, { userId: mine.userId, confirmEmail: "someone@else.test" }),
    ).rejects.toBeInstanceOf(FieldError);
    expect(await logsOf(mine.learnerId)).toBe(3);

    await deleteAccount(t.db, { userId: mine.userId, confirmEmail: email });
    expect(await t.db.user.count({ where: { id: mine.userId } })).toBe(0);
    expect(await t.db.learner.count({ where: { id: mine.learnerId } })).toBe(0);
    expect(await cardsOf(mine.learnerId)).toBe(0);
    expect(await logsOf(mine.learnerId)).toBe(0);
    expect(await t.db.authSession.count({ where: { userId: mine.userId } })).toBe(0);
    expect(await logsOf(theirs.learnerId)).toBe(2);
  });

  it("exports the account's profile, cards and logs and no password hash", async () => {
    const email = newEmail();
    const { userId, learnerId } = await registerUser(t.db, {
      email,
      password: PASSWORD,
      guestLearnerId: null,
    });
    await study(learnerId, 2, NOW);
    const data = await exportMyData(t.db, { userId });
    expect(data.profile.email).toBe(email);
    expect(data.cards).toHaveLength(2);
    expect(data.reviewLogs).toHaveLength(2);
    expect(data.reviewLogs.every((log) => log.learnerId === learnerId)).toBe(true);
    expect(JSON.stringify(data)).not.toContain("argon2");
    expect(data.fsrsParameters).toBeNull();

    // Fitted FSRS parameters and the runs that fitted them go out too.
    const fitted = Array.from({ length: 21 }, (_, i) => i / 10);
    await t.db.learner.update({
      where: { id: learnerId },
      data: { fsrsParameters: JSON.stringify(fitted) },
    });
    await t.db.fsrsOptimisation.create({
      data: {
        learnerId,
        status: "done",
        outcome: "applied",
        reviewCount: 500,
        parameters: JSON.stringify(fitted),
        logLossBefore: 0.46,
        logLossAfter: 0.44,
        createdAt: NOW,
      },
    });
    const again = await exportMyData(t.db, { userId });
    expect(again.fsrsParameters).toEqual(fitted);
    expect(again.fsrsOptimisations).toEqual([
      expect.objectContaining({ outcome: "applied", reviewCount: 500, parameters: fitted }),
    ]);
  });

  it("hashes with a fresh salt each time", async () => {
    expect(await hashPassword(PASSWORD)).not.toBe(await hashPassword(PASSWORD));
  });
});

describe("GitHub and Google sign-in", () => {
  it("creates an account with a learner for a new email", async () => {
    const email = newEmail();
    const user = await findOrCreateOAuthUser(t.db, { email, name: "Ann", emailVerified: false });
    expect(user).toMatchObject({ email, name: "Ann", role: "learner" });
    expect(await t.db.learner.count({ where: { userId: user.id } })).toBe(1);
    const again = await findOrCreateOAuthUser(t.db, { email, name: "Ann", emailVerified: false });
    expect(again.id, "the second sign-in finds the same account").toBe(user.id);
  });

  it("joins a password account only when the provider verified the email", async () => {
    const email = newEmail();
    const { userId } = await registerUser(t.db, {
      email,
      password: PASSWORD,
      guestLearnerId: null,
    });
    await expect(
      findOrCreateOAuthUser(t.db, { email, name: null, emailVerified: false }),
    ).rejects.toBeInstanceOf(OAuthLinkRefusedError);
    const linked = await findOrCreateOAuthUser(t.db, { email, name: null, emailVerified: true });
    expect(linked.id).toBe(userId);
  });
});
