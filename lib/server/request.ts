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
