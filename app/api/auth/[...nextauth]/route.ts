import { EmailSchema } from "@/lib/core/accounts/account-schemas";
import { handlers } from "@/lib/server/auth/auth";
import { getSignInBlock } from "@/lib/server/auth/sign-in-limits";
import { db } from "@/lib/server/db";
import { clientAddress } from "@/lib/server/request";

export const { GET } = handlers;

/**
 * Auth.js answers a refused credential sign-in with a redirect; a client hammering the endpoint
 * directly gets a plain 429 with Retry-After once the account or address is over its limit.
 */
export async function POST(request: Request) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = EmailSchema.safeParse(form?.get("email"));
    const block = await getSignInBlock(db, {
      email: email.success ? email.data : "",
      ip: clientAddress(request.headers),
      now: new Date(),
    });
    if (block) {
      return Response.json(
        { error: "rate_limited", message: "too many failed sign-ins; try again later" },
        { status: 429, headers: { "Retry-After": String(block.retryAfterSeconds) } },
      );
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
