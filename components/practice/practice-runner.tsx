"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { SELF_GRADED_KINDS, type AnswerInput, type Question } from "@/lib/core/deck/types";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";
import type { PracticeAnswerResult } from "@/lib/server/practice/practice-attempts";
import { ReportProblemButton } from "../reports/report-problem-button";
import { AnswerArea } from "../study/answer-area";
import { AnswerFeedback } from "../study/answer-feedback";
import { rateLimitNotice } from "../api-error";
import { browserTimeZone, postJson } from "./post-json";

type Phase =
  | { name: "asking"; shownAt: number }
  | { name: "revealed"; shownAt: number; durationMs: number }
  | { name: "answered"; answer: AnswerInput; correct: boolean };

/**
 * Asks the questions of a practice test one by one, with instant feedback from the server's
 * grade. Already answered questions (a reload) are skipped. After the last answer the page is
 * refreshed and the server shows the result.
 */
export function PracticeRunner({
  attemptId,
  questions,
  answeredIds,
  aspectTitles,
  t,
  ts,
  tr,
  tl,
}: {
  attemptId: string;
  questions: Question[];
  answeredIds: string[];
  aspectTitles: Record<string, string>;
  t: Messages["practice"];
  ts: Messages["study"];
  tr: Messages["reports"];
  tl: Messages["limits"];
}) {
  const router = useRouter();
  const [index, setIndex] = useState(() => {
    const done = new Set(answeredIds);
    const first = questions.findIndex((q) => !done.has(q.id));
    return first < 0 ? questions.length : first;
  });
  const [phase, setPhase] = useState<Phase>(() => ({ name: "asking", shownAt: Date.now() }));
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // One client answer id per question, kept across retries of the same submit.
  const answerIds = useRef(new Map<string, string>());
  const question = questions[index];
  const selfGraded = question ? SELF_GRADED_KINDS.includes(question.kind) : false;
  const isLast = index >= questions.length - 1;

  const submit = useCallback(
    async (answer: AnswerInput, durationMs: number, knewIt?: boolean) => {
      if (!question || pending) return;
      const clientAnswerId = answerIds.current.get(question.id) ?? crypto.randomUUID();
      answerIds.current.set(question.id, clientAnswerId);
      setPending(true);
      setNotice(null);
      try {
        const result = await postJson<PracticeAnswerResult>(
          `/api/practice/attempts/${encodeURIComponent(attemptId)}/answers`,
          {
            clientAnswerId,
            questionId: question.id,
            answer,
            knewIt,
            durationMs,
            timeZone: browserTimeZone(),
          },
        );
        setPhase({ name: "answered", answer, correct: result.correct });
      } catch (error) {
        setNotice(rateLimitNotice(error, tl) ?? t.errors.network);
      } finally {
        setPending(false);
      }
    },
    [attemptId, question, pending, t.errors.network, tl],
  );

  const answer = useCallback(
    (input: AnswerInput) => {
      if (phase.name !== "asking") return;
      void submit(input, Date.now() - phase.shownAt);
    },
    [phase, submit],
  );

  const next = useCallback(() => {
    if (isLast) {
      router.refresh();
      return;
    }
    setIndex((i) => i + 1);
    setPhase({ name: "asking", shownAt: Date.now() });
  }, [isLast, router]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (
        !question ||
        phase.name !== "asking" ||
        selfGraded ||
        target?.closest("input, textarea, select, button") ||
        event.metaKey ||
        event.ctrlKey ||
        event.altKey
      )
        return;
      const digit = Number(event.key);
      if (question.kind === "true-false" && (digit === 1 || digit === 2)) {
        answer({ type: "boolean", value: digit === 1 });
      } else if (question.options && !question.matching && digit >= 1) {
        const option = question.options[digit - 1];
        if (option) answer({ type: "option", optionId: option.id });
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [question, phase, selfGraded, answer]);

  if (!question) {
    return (
      <p className="card muted" role="status">
        {t.saving}
      </p>
    );
  }

  const progress = Math.round(
    ((index + (phase.name === "answered" ? 1 : 0)) / questions.length) * 100,
  );
  return (
    <div className="study">
      <div className="study-toolbar">
        <progress className="study-progress" max={100} value={progress} aria-label={t.questions}>
          {progress}%
        </progress>
        <p className="queue-counts" data-testid="practice-position">
          {formatMessage(t.question, { n: index + 1, total: questions.length })}
        </p>
      </div>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <article className="card study-card" aria-labelledby="practice-prompt" key={question.id}>
        <p className="kind-label muted">
          {ts.kinds[question.kind]} ·{" "}
          <span data-testid="practice-aspect">
            {aspectTitles[question.tags.aspect] ?? question.tags.aspect}
          </span>
        </p>
        <h2 id="practice-prompt" className="prompt">
          {question.prompt}
        </h2>
        {phase.name === "asking" &&
          (selfGraded ? (
            <button
              type="button"
              className="button primary"
              autoFocus
              onClick={() =>
                setPhase({
                  name: "revealed",
                  shownAt: phase.shownAt,
                  durationMs: Date.now() - phase.shownAt,
                })
              }
            >
              {t.showAnswer}
            </button>
          ) : (
            <AnswerArea question={question} t={ts} onAnswer={answer} disabled={pending} />
          ))}
        {phase.name === "revealed" && (
          <>
            <AnswerFeedback question={question} answer={{ type: "reveal" }} correct={null} t={ts} />
            <p className="muted">{t.selfCheck}</p>
            <div className="actions" role="group" aria-label={t.selfCheck}>
              <button
                type="button"
                className="button primary"
                autoFocus
                disabled={pending}
                onClick={() => void submit({ type: "reveal" }, phase.durationMs, true)}
              >
                {t.knewIt}
              </button>
              <button
                type="button"
                className="button"
                disabled={pending}
                onClick={() => void submit({ type: "reveal" }, phase.durationMs, false)}
              >
                {t.didNotKnow}
              </button>
            </div>
          </>
        )}
        {phase.name === "answered" && (
          <>
            {selfGraded && (
              <p className={phase.correct ? "verdict good" : "verdict bad"} role="status">
                {phase.correct ? `✓ ${t.knewIt}` : `✗ ${t.didNotKnow}`}
              </p>
            )}
            <AnswerFeedback
              question={question}
              answer={phase.answer}
              correct={selfGraded ? null : phase.correct}
              t={ts}
            />
            <button type="button" className="button primary" autoFocus onClick={next}>
              {isLast ? t.seeResults : t.next}
            </button>
          </>
        )}
        <ReportProblemButton questionId={question.id} prompt={question.prompt} t={tr} />
      </article>
    </div>
  );
}
