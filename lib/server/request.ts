import { headers } from "next/headers";

/** Whether the visitor reached us over HTTPS (directly or through a proxy): cookies get `Secure`. */
export async function isSecureRequest(): Promise<boolean> {
  const h = await headers();
  return (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}
