import { NextRequest } from "next/server";
import { EmailSchema } from "@/lib/core/accounts/account-schemas";
import { handlers } from "@/lib/server/auth/auth";
import { hasInvalidCallbackUrl } from "@/lib/server/auth/auth-requests";
import { getSignInBlock } from "@/lib/server/auth/sign-in-limits";
import { db } from "@/lib/server/db";
import { clientAddress } from "@/lib/server/request";
import { BadRequestError } from "@/lib/server/errors";
import { readBody, toErrorResponse } from "@/lib/server/http";

const invalidCallbackUrl = () =>
  toErrorResponse(new BadRequestError("callbackUrl must be a path or an http(s) URL"));

export function GET(request: NextRequest) {
  if (hasInvalidCallbackUrl(request.nextUrl, request.cookies)) return invalidCallbackUrl();
  return handlers.GET(request);
}

/**
 * Auth.js answers a refused credential sign-in with a redirect; a client hammering the endpoint
 * directly gets a plain 429 with Retry-After once the account or address is over its limit.
 * Auth.js checks its own CSRF token; we only bound the body before anything parses it.
 * Both methods refuse a malformed callback URL, which Auth.js would answer with a 500.
 */
export async function POST(request: NextRequest) {
  if (hasInvalidCallbackUrl(request.nextUrl, request.cookies)) return invalidCallbackUrl();
  let bounded: NextRequest;
  try {
    bounded = new NextRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body: await readBody(request),
    });
  } catch (error) {
    return toErrorResponse(error);
  }
  if (bounded.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await bounded
      .clone()
      .formData()
      .catch(() => null);
    const email = EmailSchema.safeParse(form?.get("email"));
    const block = await getSignInBlock(db, {
      email: email.success ? email.data : "",
      ip: clientAddress(bounded.headers),
      now: new Date(),
    });
    if (block) {
      return Response.json(
        { error: "rate_limited", message: "too many failed sign-ins; try again later" },
        { status: 429, headers: { "Retry-After": String(block.retryAfterSeconds) } },
      );
    }
  }
  return handlers.POST(bounded);
}
