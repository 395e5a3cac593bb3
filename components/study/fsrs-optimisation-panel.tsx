"use client";

import { useActionState, useEffect, useState } from "react";
import {
  optimiseFsrsParameters,
  resetFsrsParametersToDefaults,
  type FsrsFormState,
} from "@/app/study/settings/actions";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";
import { rateLimitMessage } from "@/lib/i18n/rate-limit-message";
import type {
  FsrsOptimisationState,
  FsrsOptimisationView,
} from "@/lib/server/study/fsrs-optimiser/jobs";

const POLL_MS = 1000;

function isActive(view: FsrsOptimisationView | null): boolean {
  return view?.status === "queued" || view?.status === "running";
}

/** The latest job's outcome in words, with the fit before and after when there is one. */
function Outcome({
  view,
  t,
  formatDate,
}: {
  view: FsrsOptimisationView;
  t: Messages["settings"]["fsrs"];
  formatDate: (iso: string) => string;
}) {
  if (view.status === "failed") return <p>{t.failed}</p>;
  if (view.status !== "done") return null;
  const n = view.reviewCount ?? 0;
  const date = view.finishedAt ? formatDate(view.finishedAt) : "";
  if (view.outcome === "too-little-history") {
    const message = n < view.minimumReviews ? t.tooFewReviews : t.tooFewItems;
    return <p>{formatMessage(message, { n, min: view.minimumReviews })}</p>;
  }
  const metric = (value: number | null) => (value === null ? "—" : value.toFixed(4));
  return (
    <>
      <p>{formatMessage(view.outcome === "applied" ? t.applied : t.notBetter, { n, date })}</p>
      <table className="stats-table fsrs-fit">
        <caption>{t.fitCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.measure}</th>
            <th scope="col">{t.before}</th>
            <th scope="col">{t.after}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t.logLoss}</th>
            <td>{metric(view.logLossBefore)}</td>
            <td>{metric(view.logLossAfter)}</td>
          </tr>
          <tr>
            <th scope="row">{t.rmse}</th>
            <td>{metric(view.rmseBefore)}</td>
            <td>{metric(view.rmseAfter)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/**
 * "Optimise my parameters" in the study settings: starts the job, shows its progress (polling
 * GET /api/study/fsrs-optimisation while it runs) and its result, and resets to the defaults.
 */
export function FsrsOptimisationPanel({
  initial,
  minimumReviews,
  locale,
  timeZone,
  t,
  tl,
}: {
  initial: FsrsOptimisationState;
  minimumReviews: number;
  locale: string;
  timeZone: string;
  t: Messages["settings"]["fsrs"];
  tl: Messages["limits"];
}) {
  const [optimiseState, optimise, optimising] = useActionState<FsrsFormState, FormData>(
    optimiseFsrsParameters,
    { status: "idle", optimisation: null },
  );
  const [resetState, reset, resetting] = useActionState<FsrsFormState, FormData>(
    resetFsrsParametersToDefaults,
    { status: "idle", optimisation: null },
  );
  const [lastAction, setLastAction] = useState<"optimise" | "reset" | null>(null);
  const fromAction = lastAction === "reset" ? resetState : optimiseState;
  // A poll counts only until the next action answers (its answer is newer).
  const [polled, setPolled] = useState<{ after: FsrsFormState; state: FsrsOptimisationState }>();
  const state =
    (polled?.after === fromAction ? polled.state : null) ?? fromAction.optimisation ?? initial;
  const latest = state.latest;
  const active = isActive(latest);

  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch("/api/study/fsrs-optimisation", { cache: "no-store" });
        if (response.ok)
          setPolled({ after: fromAction, state: (await response.json()) as FsrsOptimisationState });
      } catch {
        // Offline for a moment: poll again.
        setPolled({ after: fromAction, state: { ...state } });
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, state, fromAction]);

  const formatDate = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
      new Date(iso),
    );
  const percent = Math.round((latest?.progress ?? 0) * 100);

  return (
    <section className="card form-grid" aria-labelledby="fsrs-title">
      <h2 id="fsrs-title">{t.title}</h2>
      <p className="muted">{formatMessage(t.intro, { min: minimumReviews })}</p>
      <p>
        {!state.usingOwnParameters
          ? t.inUseDefault
          : state.optimisedAt
            ? formatMessage(t.inUseOwn, { date: formatDate(state.optimisedAt) })
            : t.inUseOwnUndated}
      </p>
      <div role="status" aria-live="polite">
        {active && latest ? (
          <>
            <p>{latest.status === "queued" ? t.queued : formatMessage(t.running, { percent })}</p>
            <progress max={100} value={percent} aria-label={t.progressLabel} />
          </>
        ) : (
          <>
            {latest && <Outcome view={latest} t={t} formatDate={formatDate} />}
            {fromAction.status === "no_history" && (
              <p>{formatMessage(t.noHistory, { min: minimumReviews })}</p>
            )}
            {lastAction === "reset" && resetState.status === "reset" && <p>{t.resetDone}</p>}
          </>
        )}
        {fromAction.status === "rate_limited" && <p>{rateLimitMessage(tl, fromAction)}</p>}
      </div>
      <div className="actions">
        <form action={optimise} onSubmit={() => setLastAction("optimise")}>
          <button type="submit" className="button primary" disabled={optimising || active}>
            {t.optimise}
          </button>
        </form>
        {state.usingOwnParameters && (
          <form action={reset} onSubmit={() => setLastAction("reset")}>
            <button type="submit" className="button" disabled={resetting}>
              {t.reset}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
