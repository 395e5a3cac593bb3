import crypto from "node:crypto";
import {
  buildFsrsItems,
  DEFAULT_FSRS_PARAMETERS,
  judgeHistory,
  MIN_REVIEWS_FOR_OPTIMISATION,
  type HistoryReview,
  type RatingValue,
  type StateValue,
} from "@/lib/core/study";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../../db";
import { consumeRateLimits } from "../../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../../rate-limits/limits";
import { LEARNER_SETTINGS_SELECT, parseStoredSettings } from "../learner-settings";
import { runFsrsOptimiser, type OptimiserResult } from "./run-optimiser";

/**
 * "Optimise my parameters" as a job in the database: the learner queues it, a worker claims it
 * with a conditional UPDATE (so of several instances exactly one runs it) and runs the reference
 * optimiser off the request path. A worker that dies leaves its job "running" with an old
 * heartbeat; after FSRS_JOB_STALE_AFTER_MS another claims it again, at most MAX_ATTEMPTS times.
 */

export type FsrsJobStatus = "queued" | "running" | "done" | "failed";
export type FsrsJobOutcome = "applied" | "too-little-history" | "not-better";

export const FSRS_JOB_STALE_AFTER_MS = 2 * 60_000;
const MAX_ATTEMPTS = 3;
/** Progress and heartbeat are written at most this often while the optimiser trains. */
const PROGRESS_WRITE_MS = 250;

export interface FsrsOptimisationView {
  id: string;
  status: FsrsJobStatus;
  /** 0–1. */
  progress: number;
  outcome: FsrsJobOutcome | null;
  reviewCount: number | null;
  minimumReviews: number;
  logLossBefore: number | null;
  rmseBefore: number | null;
  logLossAfter: number | null;
  rmseAfter: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface FsrsOptimisationState {
  /** The learner's latest optimisation, if any. */
  latest: FsrsOptimisationView | null;
  /** True when the scheduler uses parameters fitted to the learner. */
  usingOwnParameters: boolean;
  /** When the parameters in use were fitted (null: defaults). */
  optimisedAt: string | null;
}

const VIEW_SELECT = {
  id: true,
  status: true,
  progress: true,
  outcome: true,
  reviewCount: true,
  logLossBefore: true,
  rmseBefore: true,
  logLossAfter: true,
  rmseAfter: true,
  createdAt: true,
  finishedAt: true,
} as const;

type ViewRow = Prisma.FsrsOptimisationGetPayload<{ select: typeof VIEW_SELECT }>;

function toView(row: ViewRow): FsrsOptimisationView {
  return {
    ...row,
    status: row.status as FsrsJobStatus,
    outcome: row.outcome as FsrsJobOutcome | null,
    minimumReviews: MIN_REVIEWS_FOR_OPTIMISATION,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getFsrsOptimisationState(
  db: Db,
  options: { learnerId: string | null },
): Promise<FsrsOptimisationState> {
  const { learnerId } = options;
  if (!learnerId) return { latest: null, usingOwnParameters: false, optimisedAt: null };
  const [latest, learner, lastApplied] = await Promise.all([
    db.fsrsOptimisation.findFirst({
      where: { learnerId },
      orderBy: { createdAt: "desc" },
      select: VIEW_SELECT,
    }),
    db.learner.findUnique({ where: { id: learnerId }, select: { fsrsParameters: true } }),
    db.fsrsOptimisation.findFirst({
      where: { learnerId, status: "done", outcome: "applied" },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
  ]);
  const usingOwnParameters = !!learner?.fsrsParameters;
  return {
    latest: latest ? toView(latest) : null,
    usingOwnParameters,
    optimisedAt: usingOwnParameters ? (lastApplied?.finishedAt?.toISOString() ?? null) : null,
  };
}

/**
 * Queues an optimisation for the learner, or returns the one already queued or running (a
 * second click does not start another). Counted against the learner's hourly limit.
 */
export async function requestFsrsOptimisation(
  db: Db,
  options: { learnerId: string; now: Date },
): Promise<FsrsOptimisationView> {
  const { learnerId, now } = options;
  const active = () =>
    db.fsrsOptimisation.findUnique({ where: { activeKey: learnerId }, select: VIEW_SELECT });
  const existing = await active();
  if (existing) return toView(existing);
  await consumeRateLimits(db, {
    checks: [{ limit: RATE_LIMITS.fsrsOptimisationsPerLearner, key: learnerId }],
    now,
  });
  try {
    const job = await db.fsrsOptimisation.create({
      data: { learnerId, activeKey: learnerId, status: "queued", createdAt: now },
      select: VIEW_SELECT,
    });
    return toView(job);
  } catch (error) {
    // A concurrent request queued one first: that one is the learner's job.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const twin = await active();
      if (twin) return toView(twin);
    }
    throw error;
  }
}

/** Back to ts-fsrs's defaults for future reviews; card states stay as they are. */
export async function resetFsrsParameters(db: Db, options: { learnerId: string }): Promise<void> {
  await db.learner.update({ where: { id: options.learnerId }, data: { fsrsParameters: null } });
}

export interface ClaimedFsrsJob {
  id: string;
  learnerId: string;
  claimToken: string;
  attempts: number;
}

/**
 * Claims the oldest job that is queued, or running with a heartbeat older than `staleAfterMs`.
 * The claim is one conditional UPDATE that repeats the candidate's condition: of two claimers
 * that picked the same candidate, the second matches no row (SQLite runs writes one at a time;
 * PostgreSQL re-checks the WHERE on the locked row), and looks at the next candidate.
 */
export async function claimFsrsOptimisation(
  db: Db,
  options: { now: Date; staleAfterMs?: number },
): Promise<ClaimedFsrsJob | null> {
  const { now } = options;
  const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? FSRS_JOB_STALE_AFTER_MS));
  const claimable = {
    OR: [{ status: "queued" }, { status: "running", heartbeatAt: { lt: staleBefore } }],
  };
  const candidates = await db.fsrsOptimisation.findMany({
    where: claimable,
    orderBy: { createdAt: "asc" },
    take: 5,
    select: { id: true, learnerId: true, attempts: true },
  });
  for (const candidate of candidates) {
    const claimToken = crypto.randomUUID();
    const { count } = await db.fsrsOptimisation.updateMany({
      where: { id: candidate.id, ...claimable },
      data: {
        status: "running",
        claimToken,
        heartbeatAt: now,
        startedAt: now,
        attempts: { increment: 1 },
      },
    });
    if (count === 1) return { ...candidate, claimToken, attempts: candidate.attempts + 1 };
  }
  return null;
}

/** Ends the job if this worker still holds it (a reclaimed job belongs to its new worker). */
async function finishJob(
  db: Pick<Db, "fsrsOptimisation">,
  job: ClaimedFsrsJob,
  data: Prisma.FsrsOptimisationUpdateManyMutationInput,
): Promise<boolean> {
  const { count } = await db.fsrsOptimisation.updateMany({
    where: { id: job.id, claimToken: job.claimToken, status: "running" },
    data: { ...data, activeKey: null, heartbeatAt: null },
  });
  return count === 1;
}

async function readHistory(db: Db, learnerId: string) {
  const learner = await db.learner.findUnique({
    where: { id: learnerId },
    select: {
      ...LEARNER_SETTINGS_SELECT,
      reviews: { select: { cardId: true, reviewedAt: true, rating: true, state: true } },
    },
  });
  if (!learner) return null;
  const settings = parseStoredSettings(learner.settings, learner.timeZone, learner.fsrsParameters);
  const reviews: HistoryReview[] = learner.reviews.map((r) => ({
    cardId: r.cardId,
    reviewedAt: r.reviewedAt,
    rating: r.rating as RatingValue,
    state: r.state as StateValue,
  }));
  return { settings, reviews };
}

/** What runs the optimiser; tests may pass a stand-in to control its timing. */
export type FsrsOptimiser = typeof runFsrsOptimiser;

/**
 * Runs a claimed job to its end: reads the learner's history, keeps the parameters when it is too
 * short, otherwise fits new ones and applies them only when they fit the history better than the
 * parameters in use (lower log loss). New parameters apply to future reviews; no card is changed.
 */
export async function runFsrsOptimisation(
  db: Db,
  options: { job: ClaimedFsrsJob; clock: () => Date; optimiser?: FsrsOptimiser },
): Promise<void> {
  const { job, clock } = options;
  const optimise = options.optimiser ?? runFsrsOptimiser;
  if (job.attempts > MAX_ATTEMPTS) {
    await finishJob(db, job, {
      status: "failed",
      error: `gave up after ${MAX_ATTEMPTS} attempts`,
      finishedAt: clock(),
    });
    return;
  }
  try {
    const history = await readHistory(db, job.learnerId);
    if (!history) throw new Error("the learner no longer exists");
    const { settings, reviews } = history;
    const items = buildFsrsItems(reviews, settings);
    // Defaults kept: too few reviews, or too few left once the library set outliers aside.
    const finishTooLittle = () =>
      finishJob(db, job, {
        status: "done",
        outcome: "too-little-history",
        reviewCount: reviews.length,
        progress: 1,
        finishedAt: clock(),
      });
    const verdict = judgeHistory({ reviewCount: reviews.length, itemCount: items.length });
    if (!verdict.enough) {
      await finishTooLittle();
      return;
    }
    const currentParameters = settings.fsrsParameters ?? DEFAULT_FSRS_PARAMETERS;
    let lastWrite = 0;
    const result: OptimiserResult = await optimise({
      trainItems: items,
      currentParameters,
      numRelearningSteps: settings.relearningSteps.length,
      onProgress: (fraction) => {
        const now = clock();
        if (now.getTime() - lastWrite < PROGRESS_WRITE_MS) return;
        lastWrite = now.getTime();
        // The heartbeat too: a job that reports progress is alive.
        void db.fsrsOptimisation
          .updateMany({
            where: { id: job.id, claimToken: job.claimToken, status: "running" },
            data: { progress: Math.min(0.99, fraction), heartbeatAt: now },
          })
          .catch(() => undefined);
      },
    });
    if (!result.enough) {
      await finishTooLittle();
      return;
    }
    const better = result.after.logLoss < result.before.logLoss;
    const finished = {
      status: "done",
      outcome: better ? "applied" : "not-better",
      reviewCount: reviews.length,
      parameters: JSON.stringify(result.parameters),
      logLossBefore: result.before.logLoss,
      rmseBefore: result.before.rmse,
      logLossAfter: result.after.logLoss,
      rmseAfter: result.after.rmse,
      progress: 1,
      finishedAt: clock(),
    };
    if (!better) {
      await finishJob(db, job, finished);
      return;
    }
    await db.$transaction(async (tx) => {
      if (!(await finishJob(tx, job, finished))) return;
      await tx.learner.update({
        where: { id: job.learnerId },
        data: { fsrsParameters: JSON.stringify(result.parameters) },
      });
    });
  } catch (error) {
    await finishJob(db, job, {
      status: "failed",
      error: error instanceof Error ? error.message.slice(0, 500) : "unknown error",
      finishedAt: clock(),
    });
  }
}

/** Claims and runs jobs until none is left; returns how many this call ran. */
export async function runQueuedFsrsOptimisations(
  db: Db,
  options: { clock: () => Date; optimiser?: FsrsOptimiser },
): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claimFsrsOptimisation(db, { now: options.clock() });
    if (!job) return ran;
    await runFsrsOptimisation(db, { ...options, job });
    ran += 1;
  }
}
