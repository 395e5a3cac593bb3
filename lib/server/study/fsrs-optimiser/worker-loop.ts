import type { Db } from "../../db";
import { runQueuedFsrsOptimisations } from "./jobs";

/**
 * The in-process worker: every server instance runs one. It drains the queue when a learner
 * asks (kickFsrsOptimisations, after the response is sent) and every POLL_MS, which also picks up
 * the jobs of an instance that died. Claims are atomic in the database, so instances never run
 * one job twice. State on globalThis: Next.js may load this module more than once per process.
 */
const POLL_MS = 15_000;

interface WorkerState {
  draining: boolean;
  again: boolean;
  timer?: NodeJS.Timeout;
}

const holder = globalThis as { poddeckFsrsWorker?: WorkerState };
const state: WorkerState = (holder.poddeckFsrsWorker ??= { draining: false, again: false });

/** Runs every queued job; a call while a drain is under way makes that drain look again. */
export async function kickFsrsOptimisations(db: Db): Promise<void> {
  if (state.draining) {
    state.again = true;
    return;
  }
  state.draining = true;
  try {
    do {
      state.again = false;
      await runQueuedFsrsOptimisations(db, { clock: () => new Date() });
    } while (state.again);
  } catch (error) {
    console.error("PodDeck: the FSRS optimisation worker failed", error);
  } finally {
    state.draining = false;
  }
}

export function startFsrsOptimisationWorker(db: Db): void {
  if (state.timer) return;
  state.timer = setInterval(() => void kickFsrsOptimisations(db), POLL_MS);
  state.timer.unref();
  void kickFsrsOptimisations(db);
}
