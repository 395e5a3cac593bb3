import crypto from "node:crypto";

/** The cookie that binds a guest's browser to its learner: `<learnerId>.<HMAC>`. */
export const LEARNER_COOKIE = "pd_learner";

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
