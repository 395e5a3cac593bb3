/**
 * Runs in a worker_thread (run-optimiser.ts starts it): the reference FSRS optimiser and its
 * evaluation. computeParameters runs on libuv's pool, but `evaluate` is synchronous and took
 * ≈ 60 ms per 10,000 items here: in the server's main thread it would stall every request.
 * Plain JavaScript, loaded by path, so that no bundler has to know about it or the native module.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  computeParameters,
  FSRSBinding,
  FSRSBindingItem,
  FSRSBindingReview,
} from "@open-spaced-repetition/binding";

/** @param {{ rating: number; deltaT: number }[]} reviews */
function toBindingItem(reviews) {
  return new FSRSBindingItem(reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT)));
}

/** @param {FSRSBinding} model @param {FSRSBindingItem[]} items */
function evaluate(model, items) {
  const { logLoss, rmseBins } = model.evaluate(items);
  return { logLoss, rmse: rmseBins };
}

const { trainItems, evaluationItems, currentParameters, numRelearningSteps } = workerData;
try {
  const train = trainItems.map(toBindingItem);
  const parameters = await computeParameters(train, {
    enableShortTerm: true,
    numRelearningSteps,
    // How often (ms) the library reports progress while it trains.
    timeout: 100,
    progress: (current, total) => parentPort?.postMessage({ type: "progress", current, total }),
  });
  const evaluation = evaluationItems ? evaluationItems.map(toBindingItem) : train;
  parentPort?.postMessage({
    type: "result",
    parameters,
    before: evaluate(new FSRSBinding(currentParameters), evaluation),
    after: evaluate(new FSRSBinding(parameters), evaluation),
  });
} catch (error) {
  // The library drops outliers first (per first rating, the rarest intervals, 20 items at
  // least): a history of few cards can be left with nothing to fit or score.
  if (!(error instanceof Error && error.message.includes("NotEnoughData"))) throw error;
  parentPort?.postMessage({ type: "not-enough-data" });
}
