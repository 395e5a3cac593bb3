import { NextResponse, type NextRequest } from "next/server";
import { BadRequestError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";
import {
  checkServerActionRequest,
  hasInvalidRouterState,
  hasUnusablePath,
} from "@/lib/server/next-requests";

/**
 * Runs before Next.js routes a request, to refuse with a 4xx what its routing, its page renderer
 * or its server-action decoding would answer with a 500 (see lib/server/next-requests.ts).
 */
export async function proxy(request: NextRequest) {
  try {
    if (hasUnusablePath(request.url)) {
      throw new BadRequestError("the path has a malformed %-escape or a NUL character");
    }
    if (hasInvalidRouterState(request.headers)) {
      throw new BadRequestError("the Next-Router-State-Tree header is malformed");
    }
    await checkServerActionRequest(request);
    return NextResponse.next();
  } catch (error) {
    return toErrorResponse(error);
  }
}

export const config = {
  matcher: [
    // Paths with an escape, to check that it decodes.
    "/:path(.*%.*)",
    // Client-side navigations, wherever they lead (an unknown /api/ path renders the 404 page).
    { source: "/:path*", has: [{ type: "header", key: "rsc", value: "1" }] },
    // Every page (and any other path that renders one, like the 404 page), as any POST to one
    // may be taken for a server action, even with an empty Next-Action header (which a `has`
    // condition cannot see). Route handlers read their own bodies; static files need no check.
    "/((?!api/|_next/static/|_next/image).*)",
  ],
};
