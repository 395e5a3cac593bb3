import { baselineInsert, baselineSelect, isBenchEnabled } from "@/lib/tooling/bench-baseline";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: "not_found" }, { status: 404 });

/** GET: one indexed select (next-card baseline). */
export async function GET(request: Request) {
  if (!isBenchEnabled()) return notFound();
  const learner = new URL(request.url).searchParams.get("learner") ?? "";
  return Response.json({ row: baselineSelect(learner) });
}

/** POST: one insert (submit-answer baseline). */
export async function POST(request: Request) {
  if (!isBenchEnabled()) return notFound();
  baselineInsert(await request.text());
  return Response.json({ ok: true }, { status: 201 });
}
