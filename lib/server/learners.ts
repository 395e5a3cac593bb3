import { cookies, headers } from "next/headers";
import { StudySettingsSchema } from "@/lib/core/study";
import { getCurrentUser } from "./auth/current-user";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db } from "./db";
import { querySql } from "./driver-sql";
import type { DeckViewer } from "./decks/deck-access";
import { LEARNER_COOKIE, signLearnerId, verifyLearnerCookie } from "./guest-cookie";
import { consumeRateLimits } from "./rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "./rate-limits/limits";
import { clientAddress } from "./request";

export { LEARNER_COOKIE, signLearnerId, verifyLearnerCookie };

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/**
 * The current visitor's learner: the account's when signed in, else the guest's from the signed
 * cookie; null for a first-time visitor. Read-only, so pages may call it.
 */
export async function getLearnerId(): Promise<string | null> {
  // Hand-written reads on the driver adapter: every study request starts here (decision 010).
  const user = await getCurrentUser();
  if (user) {
    const rows = await querySql(
      db,
      Prisma.sql`SELECT "id" FROM "Learner" WHERE "userId" = ${user.id}`,
    );
    return rows[0] ? String(rows[0].id) : null;
  }
  const guestId = verifyLearnerCookie((await cookies()).get(LEARNER_COOKIE)?.value);
  if (!guestId) return null;
  // A cookie of a guest who since registered (or was merged) no longer names a guest.
  const rows = await querySql(
    db,
    Prisma.sql`SELECT "id" FROM "Learner" WHERE "id" = ${guestId} AND "userId" IS NULL`,
  );
  return rows[0] ? String(rows[0].id) : null;
}

/** Who is looking at decks (lib/server/decks/deck-access.ts): the account and its learner. */
export async function deckViewer(): Promise<Required<DeckViewer>> {
  const [user, learnerId] = await Promise.all([getCurrentUser(), getLearnerId()]);
  return { userId: user?.id ?? null, learnerId };
}

/**
 * The current learner, created on first use: for an account, its learner; for a visitor, a
 * guest bound to a signed HttpOnly cookie (RateLimitedError when the visitor's address made too
 * many guests). Only route handlers and server actions may call it (they can set cookies).
 */
export async function requireLearnerId(options: {
  timeZone?: string;
  secure: boolean;
}): Promise<string> {
  const timeZone = StudySettingsSchema.shape.timeZone.safeParse(options.timeZone);
  const zone = timeZone.success ? timeZone.data : "UTC";
  const user = await getCurrentUser();
  if (user) {
    const learner = await db.learner.upsert({
      where: { userId: user.id },
      update: {},
      create: { userId: user.id, timeZone: zone },
      select: { id: true },
    });
    return learner.id;
  }
  const existing = await getLearnerId();
  if (existing) return existing;
  const learnerId = await createGuestLearner(db, {
    timeZone: zone,
    address: clientAddress(await headers()),
    now: new Date(),
  });
  (await cookies()).set(LEARNER_COOKIE, signLearnerId(learnerId), {
    httpOnly: true,
    sameSite: "lax",
    secure: options.secure,
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
  });
  return learnerId;
}

/**
 * A new guest learner, counted against the guests per address limit (RateLimitedError when
 * over it): without that, a client that drops its cookie would get a fresh learner, and so a
 * fresh budget of every per-learner limit, with each request.
 */
export async function createGuestLearner(
  db: Db,
  options: { timeZone: string; address: string; now: Date },
): Promise<string> {
  await consumeRateLimits(db, {
    checks: [{ limit: RATE_LIMITS.guestsPerAddress, key: options.address }],
    now: options.now,
  });
  const learner = await db.learner.create({
    data: { timeZone: options.timeZone },
    select: { id: true },
  });
  return learner.id;
}
