import crypto from "node:crypto";

/** A player's secret: 32 random bytes. Only its SHA-256 is stored. */
export function newPlayerToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashPlayerToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** One cookie per game, so a browser can play two games and each brings back its own player. */
export const playerCookieName = (gameId: string) => `pd_live_${gameId}`;

/** Long enough for any lesson; the cookie is worthless once the game is over. */
export const PLAYER_COOKIE_MAX_AGE_S = 12 * 60 * 60;
