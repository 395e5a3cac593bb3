import crypto from "node:crypto";
import { cookies } from "next/headers";
import { StudySettingsSchema, type StudySettings } from "@/lib/core/study";
import { db, type Db } from "./db";

export const LEARNER_COOKIE = "pd_learner";
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

function secret(): string {
  const value = process.env.AUTH_SECRET;
  // npm start always provides one; without it a cookie could be forged, so refuse to sign.
  if (!value || value.length < 32)
    throw new Error("AUTH_SECRET is not set (npm start generates one)");
  return value;
}

function signature(learnerId: string): string {
  return crypto.createHmac("sha256", secret()).update(`learner:${learnerId}`).digest("base64url");
}

export function signLearnerId(learnerId: string): string {
  return `${learnerId}.${signature(learnerId)}`;
}

/** The learner id in a cookie value, or null when it is missing, malformed or forged. */
export function verifyLearnerCookie(value: string | undefined): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(signature(id));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
}

/** The current visitor's learner id from the signed cookie (read-only: pages call this). */
export async function getLearnerId(): Promise<string | null> {
  return verifyLearnerCookie((await cookies()).get(LEARNER_COOKIE)?.value);
}

/**
 * The current learner, created as a guest on first use and bound to a signed HttpOnly cookie.
 * Only route handlers and server actions may call it (they can set cookies).
 */
export async function requireLearnerId(options: {
  timeZone?: string;
  secure: boolean;
}): Promise<string> {
  const existing = await getLearnerId();
  if (
    existing &&
    (await db.learner.findUnique({ where: { id: existing }, select: { id: true } }))
  ) {
    return existing;
  }
  const timeZone = StudySettingsSchema.shape.timeZone.safeParse(options.timeZone);
  const learner = await db.learner.create({
    data: { timeZone: timeZone.success ? timeZone.data : "UTC" },
    select: { id: true },
  });
  (await cookies()).set(LEARNER_COOKIE, signLearnerId(learner.id), {
    httpOnly: true,
    sameSite: "lax",
    secure: options.secure,
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
  });
  return learner.id;
}

/** The learner's study settings: stored JSON merged over the defaults, time zone from its column. */
export async function getStudySettings(
  database: Db,
  learnerId: string | null,
): Promise<StudySettings> {
  const learner = learnerId
    ? await database.learner.findUnique({
        where: { id: learnerId },
        select: { settings: true, timeZone: true },
      })
    : null;
  return parseStoredSettings(learner?.settings ?? null, learner?.timeZone ?? "UTC");
}

export function parseStoredSettings(json: string | null, timeZone: string): StudySettings {
  let stored: unknown = {};
  try {
    stored = json ? JSON.parse(json) : {};
  } catch {
    stored = {};
  }
  const parsed = StudySettingsSchema.safeParse({ ...(stored as object), timeZone });
  return parsed.success ? parsed.data : StudySettingsSchema.parse({ timeZone: "UTC" });
}
