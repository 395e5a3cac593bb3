import type { Db } from "../db";

export async function getAccountOverview(db: Db, options: { userId: string }) {
  const user = await db.user.findUnique({
    where: { id: options.userId },
    select: {
      email: true,
      name: true,
      role: true,
      locale: true,
      learner: { select: { timeZone: true } },
    },
  });
  if (!user) return null;
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    timeZone: user.learner?.timeZone ?? "UTC",
  };
}
