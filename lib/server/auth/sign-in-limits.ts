import type { Db } from "../db";

/** Failed sign-ins allowed per window: tight per account, looser per address (shared NAT, classrooms). */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface SignInBlock {
  retryAfterSeconds: number;
}

/** Whether another sign-in for this email or from this address must wait, and how long. */
export async function getSignInBlock(
  db: Db,
  options: { email: string; ip: string; now: Date },
): Promise<SignInBlock | null> {
  const since = new Date(options.now.getTime() - SIGN_IN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.findMany({
      where: { email: options.email, succeeded: false, createdAt: { gt: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.signInAttempt.findMany({
      where: { ip: options.ip, succeeded: false, createdAt: { gt: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
      take: MAX_FAILURES_PER_ADDRESS + 1,
    }),
  ]);
  const blockedUntil = (failures: { createdAt: Date }[], max: number) => {
    if (failures.length < max) return 0;
    // Free again once the oldest failure that still counts leaves the window.
    const oldest = failures[failures.length - max];
    return oldest ? oldest.createdAt.getTime() + SIGN_IN_WINDOW_MS : 0;
  };
  const until = Math.max(
    blockedUntil(byEmail, MAX_FAILURES_PER_ACCOUNT),
    blockedUntil(byIp, MAX_FAILURES_PER_ADDRESS),
  );
  if (until <= options.now.getTime()) return null;
  return { retryAfterSeconds: Math.ceil((until - options.now.getTime()) / 1000) };
}

export async function recordSignInAttempt(
  db: Db,
  options: { email: string; ip: string; succeeded: boolean; now: Date },
): Promise<void> {
  const { email, ip, succeeded, now } = options;
  await db.signInAttempt.create({ data: { email, ip, succeeded, createdAt: now } });
}
