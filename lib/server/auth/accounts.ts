import { isValidTimeZone } from "@/lib/core/study";
import type { Role } from "@/lib/core/accounts/account-schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { BadRequestError, NotFoundError } from "../errors";
import { consumeRateLimits } from "../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { hashPassword, isCommonPassword, verifyPassword } from "./passwords";
import { reviewHistoryCsv } from "@/lib/core/export/review-history-csv";

export class FieldError extends BadRequestError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function assertAcceptablePassword(field: string, password: string) {
  if (isCommonPassword(password)) {
    throw new FieldError(field, "password_common");
  }
}

/**
 * Creates an account. A guest who registers keeps everything: their guest learner (with all its
 * cards and review logs) becomes the account's learner in the same transaction.
 *
 * `limitedBy`: the address of a sign-up from the web, counted against the registrations per
 * address limit before the password is hashed (so a refused sign-up costs no hash); the command
 * line (user:create) passes none.
 */
export async function registerUser(
  db: Db,
  options: {
    email: string;
    password: string;
    name?: string;
    guestLearnerId: string | null;
    timeZone?: string;
    role?: Role;
    limitedBy?: { address: string; now: Date };
  },
): Promise<{ userId: string; learnerId: string }> {
  assertAcceptablePassword("password", options.password);
  if (options.limitedBy) {
    await consumeRateLimits(db, {
      checks: [{ limit: RATE_LIMITS.registrationsPerAddress, key: options.limitedBy.address }],
      now: options.limitedBy.now,
    });
  }
  const passwordHash = await hashPassword(options.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: options.email,
          passwordHash,
          name: options.name || null,
          role: options.role ?? "learner",
        },
        select: { id: true },
      });
      const guest = options.guestLearnerId
        ? await tx.learner.findFirst({
            where: { id: options.guestLearnerId, userId: null },
            select: { id: true },
          })
        : null;
      const learner = guest
        ? await tx.learner.update({
            where: { id: guest.id },
            data: { userId: user.id },
            select: { id: true },
          })
        : await tx.learner.create({
            data: {
              userId: user.id,
              timeZone:
                options.timeZone && isValidTimeZone(options.timeZone) ? options.timeZone : "UTC",
            },
            select: { id: true },
          });
      return { userId: user.id, learnerId: learner.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new FieldError("email", "email_taken");
    }
    throw error;
  }
}

/**
 * Moves a guest's progress into an account after sign-in, in one transaction. Where both have
 * a card for the same question, the one reviewed most recently wins; every review log is kept
 * (the loser's logs are re-attached to the winner), none is doubled.
 */
export async function mergeGuestIntoUser(
  db: Db,
  options: { guestLearnerId: string; userId: string },
): Promise<{ movedCards: number; movedLogs: number }> {
  return db.$transaction(async (tx) => {
    const guest = await tx.learner.findFirst({
      where: { id: options.guestLearnerId, userId: null },
    });
    if (!guest) return { movedCards: 0, movedLogs: 0 };
    const target =
      (await tx.learner.findUnique({ where: { userId: options.userId } })) ??
      (await tx.learner.create({ data: { userId: options.userId, timeZone: guest.timeZone } }));

    const [guestCards, userCards] = await Promise.all([
      tx.card.findMany({ where: { learnerId: guest.id } }),
      tx.card.findMany({ where: { learnerId: target.id } }),
    ]);
    const userCardByQuestion = new Map(userCards.map((c) => [c.questionId, c]));
    let movedCards = 0;
    for (const card of guestCards) {
      const existing = userCardByQuestion.get(card.questionId);
      if (existing) {
        const guestNewer =
          (card.lastReview?.getTime() ?? -1) > (existing.lastReview?.getTime() ?? -1);
        const [winner, loser] = guestNewer ? [card, existing] : [existing, card];
        await tx.reviewLog.updateMany({ where: { cardId: loser.id }, data: { cardId: winner.id } });
        await tx.card.delete({ where: { id: loser.id } });
        if (!guestNewer) continue;
      }
      await tx.card.update({ where: { id: card.id }, data: { learnerId: target.id } });
      movedCards += 1;
    }
    const moved = await tx.reviewLog.updateMany({
      where: { learnerId: guest.id },
      data: { learnerId: target.id },
    });
    // Practice tests and interviews are plain history: they move over as they are.
    await tx.practiceAttempt.updateMany({
      where: { learnerId: guest.id },
      data: { learnerId: target.id },
    });
    await tx.interviewSession.updateMany({
      where: { learnerId: guest.id },
      data: { learnerId: target.id },
    });
    // One report per learner and question: where both reported one, the newer report stands
    // (the guest's older one goes with the guest learner).
    const accountReports = new Map(
      (
        await tx.questionReport.findMany({
          where: { learnerId: target.id },
          select: { id: true, questionId: true, updatedAt: true },
        })
      ).map((r) => [r.questionId, r]),
    );
    for (const report of await tx.questionReport.findMany({ where: { learnerId: guest.id } })) {
      const existing = accountReports.get(report.questionId);
      if (existing && existing.updatedAt >= report.updatedAt) continue;
      if (existing) await tx.questionReport.delete({ where: { id: existing.id } });
      await tx.questionReport.update({ where: { id: report.id }, data: { learnerId: target.id } });
    }
    // Class memberships move with the progress. Where both were in a class, the account's
    // enrolment stands; a guest enrolment in a class this account teaches is dropped. What
    // stays behind goes with the guest learner.
    const accountClasses = await tx.enrollment.findMany({
      where: { learnerId: target.id },
      select: { classId: true },
    });
    await tx.enrollment.updateMany({
      where: {
        learnerId: guest.id,
        classId: { notIn: accountClasses.map((e) => e.classId) },
        class: { teacherId: { not: options.userId } },
      },
      data: { learnerId: target.id },
    });
    await tx.learner.delete({ where: { id: guest.id } });
    return { movedCards, movedLogs: moved.count };
  });
}

export async function changePassword(
  db: Db,
  options: { userId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await db.user.findUnique({
    where: { id: options.userId },
    select: { passwordHash: true },
  });
  if (!user) throw new NotFoundError("no such account");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new FieldError("currentPassword", "current_password_wrong");
  }
  assertAcceptablePassword("newPassword", options.newPassword);
  const passwordHash = await hashPassword(options.newPassword);
  // A new password ends every session, this one included.
  await db.$transaction([
    db.user.update({ where: { id: options.userId }, data: { passwordHash } }),
    db.authSession.deleteMany({ where: { userId: options.userId } }),
  ]);
}

export async function updateProfile(
  db: Db,
  options: { userId: string; name: string; locale: "ru" | "en"; timeZone: string },
): Promise<void> {
  if (!isValidTimeZone(options.timeZone)) throw new FieldError("timeZone", "timezone_unknown");
  await db.$transaction([
    db.user.update({
      where: { id: options.userId },
      data: { name: options.name || null, locale: options.locale },
    }),
    db.learner.updateMany({
      where: { userId: options.userId },
      data: { timeZone: options.timeZone },
    }),
  ]);
}

export async function becomeTeacher(db: Db, options: { userId: string }): Promise<void> {
  await db.user.update({ where: { id: options.userId }, data: { role: "teacher" } });
}

/** Removes the account and everything it owns (learner, cards, logs, sessions, the classes it teaches). */
export async function deleteAccount(
  db: Db,
  options: { userId: string; confirmEmail: string },
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { email: true } });
  if (!user) throw new NotFoundError("no such account");
  if (user.email !== options.confirmEmail)
    throw new FieldError("confirmEmail", "confirm_email_mismatch");
  await db.$transaction([
    db.signInAttempt.deleteMany({ where: { email: user.email } }),
    db.user.delete({ where: { id: options.userId } }),
  ]);
}

/** Everything stored about the account, as plain JSON ("download my data"). */
export async function exportMyData(db: Db, options: { userId: string }) {
  const user = await db.user.findUnique({
    where: { id: options.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      locale: true,
      createdAt: true,
      learner: {
        select: {
          timeZone: true,
          settings: true,
          fsrsParameters: true,
          fsrsOptimisations: {
            orderBy: { createdAt: "asc" },
            select: {
              status: true,
              outcome: true,
              reviewCount: true,
              parameters: true,
              logLossBefore: true,
              rmseBefore: true,
              logLossAfter: true,
              rmseAfter: true,
              createdAt: true,
              finishedAt: true,
            },
          },
          cards: { orderBy: { createdAt: "asc" } },
          reviews: { orderBy: { reviewedAt: "asc" } },
          practiceAttempts: { orderBy: { startedAt: "asc" }, include: { answers: true } },
          interviewSessions: { orderBy: { startedAt: "asc" }, include: { answers: true } },
          questionReports: { orderBy: { createdAt: "asc" } },
          enrollments: {
            orderBy: { joinedAt: "asc" },
            select: {
              displayName: true,
              joinedAt: true,
              class: { select: { id: true, name: true } },
            },
          },
        },
      },
      classes: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          name: true,
          description: true,
          timeZone: true,
          joinCode: true,
          joiningOpen: true,
          archivedAt: true,
          createdAt: true,
          assignments: {
            orderBy: [{ dueAt: "asc" }, { id: "asc" }],
            select: {
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
              createdAt: true,
            },
          },
        },
      },
      // Decks the user saved from their own documents, with the documents themselves; a deleted
      // one too (with when), since its row is still held.
      decks: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          title: true,
          visibility: true,
          sourceMarkdown: true,
          createdAt: true,
          editedAt: true,
          deletedAt: true,
          shares: { select: { classId: true } },
        },
      },
    },
  });
  if (!user) throw new NotFoundError("no such account");
  const { learner, classes, decks, ...profile } = user;
  return {
    exportedAt: new Date().toISOString(),
    profile,
    studySettings: {
      timeZone: learner?.timeZone ?? "UTC",
      ...(learner?.settings ? JSON.parse(learner.settings) : {}),
    },
    // Parameters fitted to this learner (null: the defaults) and every optimisation run.
    fsrsParameters: learner?.fsrsParameters ? JSON.parse(learner.fsrsParameters) : null,
    fsrsOptimisations: (learner?.fsrsOptimisations ?? []).map((run) => ({
      ...run,
      parameters: run.parameters ? JSON.parse(run.parameters) : null,
    })),
    cards: learner?.cards ?? [],
    // The same answers in the FSRS optimiser's CSV format (also GET /api/account/reviews.csv).
    reviewHistoryCsv: reviewHistoryCsv(learner?.reviews ?? []),
    reviewLogs: (learner?.reviews ?? []).map((log) => ({
      ...log,
      answer: log.answer ? JSON.parse(log.answer) : null,
      response: JSON.parse(log.response),
    })),
    practiceTests: (learner?.practiceAttempts ?? []).map((attempt) => ({
      ...attempt,
      filters: JSON.parse(attempt.filters),
      questionIds: JSON.parse(attempt.questionIds),
      answers: attempt.answers.map((answer) => ({ ...answer, answer: JSON.parse(answer.answer) })),
    })),
    interviews: (learner?.interviewSessions ?? []).map((session) => ({
      ...session,
      items: JSON.parse(session.items),
      answers: session.answers.map((answer) => ({
        ...answer,
        coveredPoints: answer.coveredPoints ? JSON.parse(answer.coveredPoints) : null,
      })),
    })),
    questionReports: learner?.questionReports ?? [],
    classMemberships: (learner?.enrollments ?? []).map(({ class: joined, ...enrollment }) => ({
      classId: joined.id,
      className: joined.name,
      ...enrollment,
    })),
    classesTaught: classes.map((k) => ({
      ...k,
      assignments: k.assignments.map((a) => ({
        ...a,
        aspects: JSON.parse(a.aspects),
        kinds: JSON.parse(a.kinds),
      })),
    })),
    decks: decks.map(({ shares, ...deck }) => ({
      ...deck,
      sharedWithClassIds: shares.map((share) => share.classId),
    })),
  };
}
