/*
 * Requests Auth.js fails on with a 500 instead of refusing them: these checks let the caller
 * refuse them first (or treat them as carrying no session).
 */

/**
 * Whether Auth.js can build this request's origin: with `trustHost` it takes X-Forwarded-Proto
 * and X-Forwarded-Host (else Host) as sent, and `auth()`, `signIn()` and `signOut()` throw when
 * they make no URL (an empty or garbled one). A proxy in front always sends valid ones; such a
 * request comes from a client talking to the server directly.
 */
export function hasUsableAuthOrigin(headers: Headers): boolean {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const protocol = headers.get("x-forwarded-proto") ?? "https";
  try {
    // "a://host" parses, but its origin is "null", which Auth.js then fails to build on.
    const url = new URL(`${protocol.endsWith(":") ? protocol : `${protocol}:`}//${host}`);
    // "user@host" parses too, but `new Request()` refuses a URL with credentials.
    const plain = url.username === "" && url.password === "";
    return plain && (url.protocol === "http:" || url.protocol === "https:");
  } catch {
    return false;
  }
}

const CALLBACK_URL_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** Auth.js's test: a path on this site, or an absolute http(s) URL. */
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * A `callbackUrl` parameter or callback-URL cookie that is no URL ("abc"): Auth.js answers any
 * request of its routes that carries one with 500 "server configuration" (its config check).
 */
export function hasInvalidCallbackUrl(
  url: URL,
  cookies: { get(name: string): { value: string } | undefined },
): boolean {
  const values = [
    ...url.searchParams.getAll("callbackUrl"),
    ...CALLBACK_URL_COOKIES.map((name) => cookies.get(name)?.value ?? ""),
  ];
  return values.some((value) => value !== "" && !isHttpUrl(value, url.origin));
}
