/**
 * Next.js calls register() once when a server starts (npm start and npm run dev alike): it starts
 * the background worker of "optimise my parameters" (lib/server/study/fsrs-optimiser).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; a build must not claim jobs.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ db }, { startFsrsOptimisationWorker }] = await Promise.all([
    import("@/lib/server/db"),
    import("@/lib/server/study/fsrs-optimiser/worker-loop"),
  ]);
  startFsrsOptimisationWorker(db);
}
