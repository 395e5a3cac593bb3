import { db } from "@/lib/server/db";
import { toErrorResponse } from "@/lib/server/http";
import { getLearnerId } from "@/lib/server/learners";
import { getFsrsOptimisationState } from "@/lib/server/study/fsrs-optimiser/jobs";

export const dynamic = "force-dynamic";

/**
 * GET /api/study/fsrs-optimisation — the learner's latest "optimise my parameters" job (status,
 * progress, fit before and after) and whether fitted parameters are in use; the settings page
 * polls it while a job runs.
 */
export async function GET() {
  try {
    const state = await getFsrsOptimisationState(db, { learnerId: await getLearnerId() });
    return Response.json(state, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
