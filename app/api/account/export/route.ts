import { exportMyData } from "@/lib/server/auth/accounts";
import { requireUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { toErrorResponse } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/account/export — all of the signed-in user's data as a JSON download. */
export async function GET() {
  try {
    const user = await requireUser();
    const data = await exportMyData(db, { userId: user.id });
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="poddeck-my-data.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
