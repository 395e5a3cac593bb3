"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { gradeAnswer } from "@/lib/core/deck/grade-answer";
import type { AnswerInput } from "@/lib/core/deck/types";
import { formatInterval } from "@/lib/core/study/format-interval";
import { proposeRating } from "@/lib/core/study/propose-rating";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Locale, Messages } from "@/lib/i18n/locales";
import type { AssignmentGoal } from "@/lib/server/classes/assignment-study";
import type { StudyCard, StudyState } from "@/lib/server/study/get-study-card";
import { ReportProblemButton } from "../reports/report-problem-button";
import { AnswerArea } from "./answer-area";
import { AnswerFeedback } from "./answer-feedback";
import { ApiError, rateLimitNotice } from "../api-error";
import { fetchStudyState, postAnswer, postUndo } from "./study-api";

type Rating = 1 | 2 | 3 | 4;
const RATINGS: Rating[] = [1, 2, 3, 4];

type Phase =
  | { name: "loading" }
  | { name: "error"; message: string }
  | { name: "conflict" }
  | { name: "done"; nextDueAt: string | null }
  | { name: "asking"; state: StudyState & { card: StudyCard }; shownAt: number }
  | {
      name: "answered";
      state: StudyState & { card: StudyCard };
      answer: AnswerInput;
      correct: boolean | null;
      proposed: Rating | null;
      durationMs: number;
      clientAnswerId: string;
      submitting: boolean;
    };

interface SessionStats {
  answered: number;
  graded: number;
  correct: number;
  startedAt: number;
}

function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

// One empty list for every render: a fresh default array would re-run the loading effect forever.
const NO_ASPECTS: string[] = [];

export function StudySession({
  deckIds,
  aspects = NO_ASPECTS,
  assignmentId,
  t,
  tr,
  tl,
  locale,
}: {
  deckIds: string[];
  /** Only questions about these aspects; every aspect when empty. */
  aspects?: string[];
  /** A study assignment's session: its scope and goal replace the decks and aspects. */
  assignmentId?: string;
  t: Messages["study"];
  tr: Messages["reports"];
  tl: Messages["limits"];
  locale: Locale;
}) {
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [stats, setStats] = useState<SessionStats>(() => ({
    answered: 0,
    graded: 0,
    correct: 0,
    startedAt: 0,
  }));
  const [lastAnswer, setLastAnswer] = useState<{ id: string; correct: boolean | null } | null>(
    null,
  );
  const [showHelp, setShowHelp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [goal, setGoal] = useState<AssignmentGoal | null>(null);
  const busy = useRef(false);
  const loadSeq = useRef(0);

  const show = useCallback((state: StudyState & { goal?: AssignmentGoal }) => {
    if (state.goal) setGoal(state.goal);
    if (state.card)
      setPhase({ name: "asking", state: { ...state, card: state.card }, shownAt: Date.now() });
    else setPhase({ name: "done", nextDueAt: state.nextDueAt });
  }, []);
  const showError = useCallback(
    (error: unknown) =>
      setPhase({ name: "error", message: error instanceof Error ? error.message : t.error }),
    [t.error],
  );

  /** Shows the next card; only the latest call may (an undo can start one while another runs). */
  const load = useCallback(async () => {
    const seq = ++loadSeq.current;
    setPhase({ name: "loading" });
    try {
      const state = await fetchStudyState(deckIds, aspects, assignmentId);
      if (seq === loadSeq.current) show(state);
    } catch (error) {
      if (seq === loadSeq.current) showError(error);
    }
  }, [deckIds, aspects, assignmentId, show, showError]);

  useEffect(() => {
    // The first render already shows "loading".
    const seq = ++loadSeq.current;
    fetchStudyState(deckIds, aspects, assignmentId).then(
      (state) => seq === loadSeq.current && show(state),
      (error: unknown) => seq === loadSeq.current && showError(error),
    );
  }, [deckIds, aspects, assignmentId, show, showError]);

  const answer = useCallback(
    (input: AnswerInput) => {
      if (phase.name !== "asking") return;
      const { card } = phase.state;
      const durationMs = Date.now() - phase.shownAt;
      const correct = card.selfGraded ? null : gradeAnswer(card.question, input).correct;
      const proposed =
        correct === null ? null : proposeRating({ kind: card.question.kind, correct, durationMs });
      setNotice(null);
      // The session clock starts when the first card of the session was shown.
      setStats((s) => (s.startedAt ? s : { ...s, startedAt: phase.shownAt }));
      setPhase({
        name: "answered",
        state: phase.state,
        answer: input,
        correct,
        proposed,
        durationMs,
        clientAnswerId: crypto.randomUUID(),
        submitting: false,
      });
    },
    [phase],
  );

  const rate = useCallback(
    async (rating: Rating) => {
      if (phase.name !== "answered" || busy.current) return;
      busy.current = true;
      setPhase({ ...phase, submitting: true });
      let saved = false;
      try {
        await postAnswer({
          clientAnswerId: phase.clientAnswerId,
          questionId: phase.state.card.question.id,
          cardVersion: phase.state.card.cardVersion,
          answer: phase.answer,
          rating,
          durationMs: phase.durationMs,
          timeZone: timeZone(),
        });
        setStats((s) => ({
          ...s,
          answered: s.answered + 1,
          graded: s.graded + (phase.correct === null ? 0 : 1),
          correct: s.correct + (phase.correct ? 1 : 0),
        }));
        setLastAnswer({ id: phase.clientAnswerId, correct: phase.correct });
        saved = true;
      } catch (error) {
        if (error instanceof ApiError && error.code === "already_answered")
          setPhase({ name: "conflict" });
        else {
          // Keep the same client answer id: a retry is applied at most once.
          setPhase({ ...phase, submitting: false });
          setNotice(rateLimitNotice(error, tl) ?? t.error);
        }
      } finally {
        busy.current = false;
      }
      if (saved) await load();
    },
    [phase, load, t.error, tl],
  );

  const undo = useCallback(async () => {
    if (!lastAnswer || busy.current) return;
    busy.current = true;
    try {
      await postUndo(lastAnswer.id);
      setStats((s) => ({
        ...s,
        answered: s.answered - 1,
        graded: s.graded - (lastAnswer.correct === null ? 0 : 1),
        correct: s.correct - (lastAnswer.correct ? 1 : 0),
      }));
      setLastAnswer(null);
      setNotice(t.undone);
    } catch {
      setNotice(t.error);
      return;
    } finally {
      busy.current = false;
    }
    await load();
  }, [lastAnswer, load, t.error, t.undone]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (
        target?.closest("input, textarea, select") ||
        event.metaKey ||
        event.ctrlKey ||
        event.altKey
      )
        return;
      const key = event.key;
      if (key === "?") {
        setShowHelp((v) => !v);
        return;
      }
      if (key === "u" || key === "U" || key === "г" || key === "Г") {
        void undo();
        return;
      }
      const digit = Number(key);
      if (phase.name === "asking") {
        const { question, selfGraded } = phase.state.card;
        if (selfGraded && (key === " " || key === "Enter")) {
          event.preventDefault();
          answer({ type: "reveal" });
        } else if (question.kind === "true-false" && (digit === 1 || digit === 2)) {
          answer({ type: "boolean", value: digit === 1 });
        } else if (question.options && !question.matching && digit >= 1) {
          const option = question.options[digit - 1];
          if (option) answer({ type: "option", optionId: option.id });
        }
      } else if (phase.name === "answered") {
        if (digit >= 1 && digit <= 4) void rate(digit as Rating);
        else if (key === " " || key === "Enter") {
          event.preventDefault();
          void rate(phase.proposed ?? 3);
        }
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [phase, answer, rate, undo]);

  const remaining =
    phase.name === "asking" || phase.name === "answered"
      ? phase.state.counts.learning + phase.state.counts.review + phase.state.counts.new
      : 0;
  const total = stats.answered + remaining;
  const progress =
    total === 0 ? (phase.name === "done" ? 100 : 0) : Math.round((stats.answered / total) * 100);

  return (
    <div className="study">
      {goal && (
        <p className="assignment-goal" data-testid="assignment-goal">
          {formatMessage(goal.reached ? t.goalReached : t.goalProgress, {
            done: goal.done,
            total: goal.total,
          })}
        </p>
      )}
      <div className="study-toolbar">
        <progress className="study-progress" max={100} value={progress} aria-label={t.progress}>
          {progress}%
        </progress>
        {(phase.name === "asking" || phase.name === "answered") && (
          <p className="queue-counts" aria-label="queue">
            <span className="count-new">
              {phase.state.counts.new} {t.counts.new}
            </span>{" "}
            ·{" "}
            <span className="count-learning">
              {phase.state.counts.learning} {t.counts.learning}
            </span>{" "}
            ·{" "}
            <span className="count-review">
              {phase.state.counts.review} {t.counts.review}
            </span>
          </p>
        )}
        <button
          type="button"
          className="button small"
          onClick={() => void undo()}
          disabled={!lastAnswer}
        >
          {t.undo} <kbd>U</kbd>
        </button>
        <button
          type="button"
          className="button small"
          aria-expanded={showHelp}
          onClick={() => setShowHelp((v) => !v)}
        >
          {t.shortcuts} <kbd>?</kbd>
        </button>
      </div>
      {showHelp && (
        <ul className="card shortcuts" aria-label={t.shortcuts}>
          {t.shortcutsList.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>

      {phase.name === "loading" && <p className="card muted">{t.loading}</p>}
      {phase.name === "error" && (
        <div className="card" role="alert">
          <p>{t.error}</p>
          <p className="muted">{phase.message}</p>
          <button type="button" className="button" onClick={() => void load()}>
            {t.retry}
          </button>
        </div>
      )}
      {phase.name === "conflict" && (
        <div className="card" role="alert">
          <p>{t.alreadyAnswered}</p>
          <button type="button" className="button primary" onClick={() => void load()}>
            {t.loadNext}
          </button>
        </div>
      )}
      {phase.name === "done" && (
        <SessionSummary stats={stats} nextDueAt={phase.nextDueAt} t={t} locale={locale} />
      )}
      {(phase.name === "asking" || phase.name === "answered") && (
        <article className="card study-card" aria-labelledby="study-prompt">
          <p className="kind-label muted">{t.kinds[phase.state.card.question.kind]}</p>
          <h2 id="study-prompt" className="prompt">
            {phase.state.card.question.prompt}
          </h2>
          {phase.name === "asking" &&
            (phase.state.card.selfGraded ? (
              <button
                type="button"
                className="button primary"
                autoFocus
                onClick={() => answer({ type: "reveal" })}
              >
                {t.showAnswer} <kbd>Space</kbd>
              </button>
            ) : (
              <AnswerArea
                question={phase.state.card.question}
                t={t}
                onAnswer={answer}
                disabled={false}
              />
            ))}
          {phase.name === "answered" && (
            <>
              <AnswerFeedback
                question={phase.state.card.question}
                answer={phase.answer}
                correct={phase.correct}
                t={t}
              />
              <p className="muted">{t.rateHint}</p>
              <div className="ratings" role="group" aria-label={t.rateHint}>
                {RATINGS.map((rating) => (
                  <button
                    key={rating}
                    type="button"
                    className={`button rating rating-${rating}${phase.proposed === rating ? " proposed" : ""}`}
                    disabled={phase.submitting}
                    onClick={() => void rate(rating)}
                    aria-describedby={phase.proposed === rating ? "proposed-rating" : undefined}
                  >
                    <span className="rating-name">
                      <kbd>{rating}</kbd> {t.ratings[rating]}
                    </span>
                    <span className="rating-interval">
                      {formatInterval(phase.state.card.previews[rating], locale)}
                    </span>
                  </button>
                ))}
              </div>
              {phase.proposed && (
                <p id="proposed-rating" className="muted small">
                  {t.proposed}: {t.ratings[phase.proposed]}
                </p>
              )}
            </>
          )}
          <ReportProblemButton
            key={phase.state.card.question.id}
            questionId={phase.state.card.question.id}
            prompt={phase.state.card.question.prompt}
            t={tr}
          />
        </article>
      )}
    </div>
  );
}

function SessionSummary({
  stats,
  nextDueAt,
  t,
  locale,
}: {
  stats: SessionStats;
  nextDueAt: string | null;
  t: Messages["study"];
  locale: string;
}) {
  const [elapsed] = useState(() => (stats.startedAt ? Date.now() - stats.startedAt : 0));
  const minutes = Math.floor(elapsed / 60000);
  const seconds = Math.floor((elapsed % 60000) / 1000);
  const accuracy = stats.graded > 0 ? Math.round((stats.correct / stats.graded) * 100) : null;
  return (
    <section className="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{stats.answered > 0 ? t.doneTitle : t.nothingDue}</h2>
      <dl className="summary-figures">
        <div>
          <dt>{t.doneAnswered}</dt>
          <dd data-testid="summary-answered">{stats.answered}</dd>
        </div>
        <div>
          <dt>{t.doneAccuracy}</dt>
          <dd data-testid="summary-accuracy">{accuracy === null ? "—" : `${accuracy}%`}</dd>
        </div>
        <div>
          <dt>{t.doneTime}</dt>
          <dd>
            {minutes}:{String(seconds).padStart(2, "0")}
          </dd>
        </div>
        <div>
          <dt>{t.doneNext}</dt>
          <dd>
            {nextDueAt
              ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
                  new Date(nextDueAt),
                )
              : "—"}
          </dd>
        </div>
      </dl>
    </section>
  );
}
