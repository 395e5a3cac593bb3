/**
 * Auth.js keeps the session JWT in `authjs.session-token` (`__Secure-` prefixed over HTTPS),
 * split into `.0`, `.1`… chunks when large; it reads every non-empty cookie starting with that
 * name. Without one, `auth()` can only answer "no session", so callers may skip it: it builds
 * a whole internal request and a CSRF token (a SHA-256) per call, which a guest's every
 * request would pay for nothing.
 */
const SESSION_COOKIE_PREFIXES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function hasSessionCookie(cookies: readonly { name: string; value: string }[]): boolean {
  return cookies.some(
    (cookie) =>
      cookie.value !== "" &&
      SESSION_COOKIE_PREFIXES.some((prefix) => cookie.name.startsWith(prefix)),
  );
}
