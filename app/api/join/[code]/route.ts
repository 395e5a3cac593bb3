import { JoinClassSchema, JoinCodeSchema } from "@/lib/core/classes/class-schemas";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { findClassByJoinCode, joinClass } from "@/lib/server/classes/enrollments";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { getLearnerId, requireLearnerId } from "@/lib/server/learners";
import { clientAddress, isSecureRequest } from "@/lib/server/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ code: string }> };

/** A display name is all a join request carries. */
const MAX_BODY_BYTES = 4 * 1024;

async function parseCode(context: Context): Promise<string> {
  const code = JoinCodeSchema.safeParse((await context.params).code);
  if (!code.success) {
    throw new DomainError("a join code is 8 characters, e.g. K7QD-M3XR", 400, "join_code_invalid");
  }
  return code.data;
}

/**
 * GET /api/join/:code — the class a code names (name, teacher, whether you are in it already),
 * for the confirmation step. Reads only: a first-time visitor stays without a learner. A wrong
 * code is a 404 counted against the address (429 with Retry-After past the limit); a class that
 * takes nobody is a 409 naming why (`joining_closed`, `class_archived`, `own_class`).
 */
export async function GET(request: Request, context: Context) {
  try {
    const code = await parseCode(context);
    const user = await getCurrentUser();
    const preview = await findClassByJoinCode(db, {
      code,
      address: clientAddress(request.headers),
      now: new Date(),
      joiner: { userId: user?.id ?? null, learnerId: await getLearnerId() },
    });
    return Response.json(preview, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/**
 * POST /api/join/:code — `{displayName?}`: joins the class with the current learner (a guest
 * becomes one, and must give a name). 201 when enrolled, 200 when already in; errors as GET.
 */
export async function POST(request: Request, context: Context) {
  try {
    const { displayName } = await parseJsonBody(request, JoinClassSchema, {
      maxBytes: MAX_BODY_BYTES,
    });
    const code = await parseCode(context);
    const user = await getCurrentUser();
    if (!user && !displayName) {
      throw new DomainError("a guest joins under a name", 400, "student_name_required");
    }
    const learnerId = await requireLearnerId({ secure: await isSecureRequest() });
    const result = await joinClass(db, {
      code,
      address: clientAddress(request.headers),
      now: new Date(),
      userId: user?.id ?? null,
      learnerId,
      displayName,
    });
    return Response.json(result, { status: result.alreadyMember ? 200 : 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
