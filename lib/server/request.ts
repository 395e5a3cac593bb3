import { headers } from "next/headers";
import { trustedProxyHops } from "@/lib/config/env";
import { addressKey, forwardedClient } from "@/lib/core/rate-limits/client-address";

/** Whether the visitor reached us over HTTPS (directly or through a proxy): cookies get `Secure`. */
export async function isSecureRequest(): Promise<boolean> {
  const h = await headers();
  return (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

/** This site's origin as the visitor reached it (links to hand out: class codes, live-quiz PINs). */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost";
  return `${(await isSecureRequest()) ? "https" : "http"}://${host}`;
}

/** Only same-site paths may follow a sign-in (no open redirect to another host). */
export function safeRedirectPath(value: FormDataEntryValue | null, fallback: string): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//")
    ? value
    : fallback;
}

/**
 * The key per-address limits count this client under. Trust assumption: PodDeck runs behind
 * TRUSTED_PROXY_HOPS proxies (default 1) that each append the address they saw to
 * X-Forwarded-For, so the entry that many places from the right is the client's and cannot be
 * forged by it (entries to its left can). Without a proxy, Next.js fills the header from the
 * socket, but keeps one the client sent: a client talking to the server directly could then
 * pick its own address, so do not expose it without a proxy (README, Rate limits).
 */
export function clientAddress(headers: Headers): string {
  const client = forwardedClient(headers.get("x-forwarded-for"), trustedProxyHops());
  return client ? addressKey(client) : "local";
}
