import { z } from "zod";
import { parseJsonBody, toErrorResponse } from "@/lib/server/http";
import { baselineInsert, baselineSelect, isBenchEnabled } from "@/lib/tooling/bench-baseline";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: "not_found" }, { status: 404 });

/** GET: one indexed select (next-card baseline). */
export async function GET(request: Request) {
  if (!isBenchEnabled()) return notFound();
  const learner = new URL(request.url).searchParams.get("learner") ?? "";
  return Response.json({ row: await baselineSelect(learner) });
}

/** POST: one insert (submit-answer baseline), its body read like every other route's. */
export async function POST(request: Request) {
  if (!isBenchEnabled()) return notFound();
  try {
    await baselineInsert(JSON.stringify(await parseJsonBody(request, z.json())));
    return Response.json({ ok: true }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
