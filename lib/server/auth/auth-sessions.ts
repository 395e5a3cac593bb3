import type { Db } from "../db";
import { getDummyHash, verifyPassword } from "./passwords";
import { getSignInBlock, recordSignInAttempt, type SignInBlock } from "./sign-in-limits";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: string;
}

export class SignInBlockedError extends Error {
  constructor(readonly block: SignInBlock) {
    super(`too many failed sign-ins; try again in ${Math.ceil(block.retryAfterSeconds / 60)} min`);
  }
}

/**
 * Checks an email and password, counting failures for the rate limit. The same answer (null)
 * for an unknown email and a wrong password, and the same work (a hash verify) for both.
 */
export async function verifyCredentials(
  db: Db,
  options: { email: string; password: string; ip: string; now: Date },
): Promise<SessionUser | null> {
  const block = await getSignInBlock(db, options);
  if (block) throw new SignInBlockedError(block);
  const user = await db.user.findUnique({
    where: { email: options.email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), options.password);
  const succeeded = Boolean(user?.passwordHash) && ok;
  await recordSignInAttempt(db, {
    email: options.email,
    ip: options.ip,
    succeeded,
    now: options.now,
  });
  if (!user || !succeeded) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function createAuthSession(
  db: Db,
  options: { userId: string; now: Date },
): Promise<string> {
  const session = await db.authSession.create({
    data: {
      userId: options.userId,
      expiresAt: new Date(options.now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    select: { id: true },
  });
  return session.id;
}

/** The signed-in user of a live session, or null once it was ended (sign-out, password change, deletion). */
export async function getSessionUser(
  db: Db,
  options: { sessionId: string; now: Date },
): Promise<SessionUser | null> {
  const session = await db.authSession.findUnique({
    where: { id: options.sessionId },
    select: {
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, role: true } },
    },
  });
  if (!session || session.expiresAt <= options.now) return null;
  return session.user;
}

export async function endAuthSession(db: Db, options: { sessionId: string }): Promise<void> {
  await db.authSession.deleteMany({ where: { id: options.sessionId } });
}

export class OAuthLinkRefusedError extends Error {}

/**
 * Finds or creates the account of a GitHub/Google sign-in (linked by its email). An existing
 * password account is joined only when the provider vouches that the email is the signer's
 * (Google's `email_verified`); GitHub does not say, and linking on its word would hand the
 * account to whoever put that address on a GitHub profile.
 */
export async function findOrCreateOAuthUser(
  db: Db,
  options: { email: string; name: string | null; emailVerified: boolean },
): Promise<SessionUser> {
  const existing = await db.user.findUnique({
    where: { email: options.email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true },
  });
  if (existing) {
    if (existing.passwordHash && !options.emailVerified) {
      throw new OAuthLinkRefusedError("sign in with your password; this email is not verified");
    }
    return { id: existing.id, email: existing.email, name: existing.name, role: existing.role };
  }
  return db.user.upsert({
    where: { email: options.email },
    update: {},
    create: { email: options.email, name: options.name, learner: { create: {} } },
    select: { id: true, email: true, name: true, role: true },
  });
}
