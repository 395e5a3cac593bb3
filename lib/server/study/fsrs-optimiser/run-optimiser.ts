import path from "node:path";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { FsrsParametersSchema, type FsrsTrainingItem } from "@/lib/core/study";

/** Log loss and RMSE (binned) of a set of parameters on a history, as the library computes them. */
export interface FsrsFit {
  logLoss: number;
  rmse: number;
}

export type OptimiserResult =
  | {
      enough: true;
      parameters: readonly number[];
      /** Fit of the parameters in use, and of the fitted ones, on the same items. */
      before: FsrsFit;
      after: FsrsFit;
    }
  /** Nothing was left to fit once the library had set its outliers aside. */
  | { enough: false };

const FitSchema = z.object({ logLoss: z.number(), rmse: z.number() });
const MessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), current: z.number(), total: z.number() }),
  z.object({
    type: z.literal("result"),
    parameters: FsrsParametersSchema,
    before: FitSchema,
    after: FitSchema,
  }),
  z.object({ type: z.literal("not-enough-data") }),
]);

// Loaded by path from the project (npm start, the tests and the scripts all run there), so the
// Next.js bundle never contains it nor the native module it loads.
const THREAD_FILE = path.join(
  process.cwd(),
  "lib",
  "server",
  "study",
  "fsrs-optimiser",
  "optimiser-thread.mjs",
);

/** Longer than any history we hold needs (3,000 cards, 67,000 reviews: 1.5 s). */
const OPTIMISER_TIMEOUT_MS = 5 * 60_000;

/**
 * Fits FSRS parameters to `trainItems` with the reference optimiser
 * (@open-spaced-repetition/binding), in a worker thread, and scores the parameters in use and
 * the fitted ones on `evaluationItems`. `onProgress` gets the library's training progress (0–1).
 */
export function runFsrsOptimiser(options: {
  trainItems: readonly FsrsTrainingItem[];
  /** Default: `trainItems` (like Anki, which compares on the whole history). */
  evaluationItems?: readonly FsrsTrainingItem[];
  currentParameters: readonly number[];
  numRelearningSteps: number;
  onProgress?: (fraction: number) => void;
}): Promise<OptimiserResult> {
  const { onProgress, ...workerData } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD_FILE, { workerData });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error("the FSRS optimiser took too long"))),
      OPTIMISER_TIMEOUT_MS,
    );
    worker.on("message", (raw: unknown) => {
      const message = MessageSchema.safeParse(raw);
      if (!message.success) {
        settle(() => reject(new Error("the FSRS optimiser sent an unexpected message")));
      } else if (message.data.type === "progress") {
        const { current, total } = message.data;
        if (total > 0) onProgress?.(Math.min(1, current / total));
      } else if (message.data.type === "not-enough-data") {
        settle(() => resolve({ enough: false }));
      } else {
        const { parameters, before, after } = message.data;
        settle(() => resolve({ enough: true, parameters, before, after }));
      }
    });
    worker.on("error", (error) => settle(() => reject(error)));
    worker.on("exit", (code) =>
      settle(() => reject(new Error(`the FSRS optimiser stopped (exit code ${code})`))),
    );
  });
}
