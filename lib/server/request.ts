import { headers } from "next/headers";

/** Whether the visitor reached us over HTTPS (directly or through a proxy): cookies get `Secure`. */
export async function isSecureRequest(): Promise<boolean> {
  const h = await headers();
  return (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

/** Only same-site paths may follow a sign-in (no open redirect to another host). */
export function safeRedirectPath(value: FormDataEntryValue | null, fallback: string): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//")
    ? value
    : fallback;
}

/** The client address as the proxy in front reports it; "local" when there is none. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers.get("x-real-ip") || "local").slice(0, 64);
}
