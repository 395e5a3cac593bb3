import { RecordIdSchema } from "@/lib/core/classes/class-schemas";
import { attachmentDisposition, gradebookFileName } from "@/lib/core/classes/gradebook-file";
import { getLocale } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getClassGradebook } from "@/lib/server/classes/class-dashboard";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { toErrorResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ classId: string }> };

/**
 * GET /api/classes/:classId/gradebook — the class's gradebook as a CSV download (UTF-8 with a
 * BOM, one row per student), for its teacher only: anyone else, signed in or not, gets the
 * same 404 as for a class that does not exist.
 */
export async function GET(_request: Request, context: Context) {
  try {
    const classId = RecordIdSchema.safeParse((await context.params).classId);
    const user = await getCurrentUser();
    if (!classId.success || !user) throw new NotFoundError("no such class");
    const now = new Date();
    const { className, csv } = await getClassGradebook(db, {
      teacherId: user.id,
      classId: classId.data,
      now,
      locale: await getLocale(),
    });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentDisposition(
          gradebookFileName(className, now.toISOString().slice(0, 10)),
        ),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
