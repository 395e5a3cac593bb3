import Link from "next/link";
import { percentOf } from "@/lib/core/practice/aspect-scores";
import { fillMessage, type Messages } from "@/lib/i18n/locales";
import type { PracticeAttemptView } from "@/lib/server/practice/practice-queries";
import { ReportProblemButton } from "../reports/report-problem-button";
import { RetryMissedButton } from "./retry-missed-button";

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, "0")}`;
}

/** Score, time, per-aspect breakdown and each question's verdict of a finished test. */
export function PracticeResult({
  attempt,
  t,
  tr,
  tl,
}: {
  attempt: PracticeAttemptView;
  t: Messages["practice"];
  tr: Messages["reports"];
  tl: Messages["limits"];
}) {
  const { score } = attempt;
  const aspectTitle = new Map(attempt.deck.aspects.map((a) => [a.key as string, a.title]));
  const verdict = new Map(attempt.answers.map((a) => [a.questionId, a.correct]));
  const elapsed = (attempt.finishedAt ?? attempt.startedAt).getTime() - attempt.startedAt.getTime();
  return (
    <section className="card summary" aria-labelledby="result-title">
      <h2 id="result-title">{t.resultTitle}</h2>
      <dl className="summary-figures">
        <div>
          <dt>{t.score}</dt>
          <dd data-testid="practice-score">
            {score.correct} / {score.total}
          </dd>
        </div>
        <div>
          <dt>{t.percent}</dt>
          <dd data-testid="practice-percent">{score.percent}%</dd>
        </div>
        <div>
          <dt>{t.time}</dt>
          <dd>{formatDuration(elapsed)}</dd>
        </div>
      </dl>
      {attempt.countForReview && <p className="muted">{t.countedForReview}</p>}

      <h3>{t.byAspect}</h3>
      <table className="kind-table" data-testid="aspect-breakdown">
        <thead>
          <tr>
            <th scope="col">{t.aspect}</th>
            <th scope="col">{t.right}</th>
            <th scope="col">%</th>
          </tr>
        </thead>
        <tbody>
          {score.byAspect.map((row) => (
            <tr key={row.aspect} data-aspect={row.aspect}>
              <th scope="row">{aspectTitle.get(row.aspect) ?? row.aspect}</th>
              <td>
                {row.earned} / {row.possible}
              </td>
              <td>{percentOf(row.earned, row.possible)}%</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="actions">
        {score.missedQuestionIds.length > 0 ? (
          <RetryMissedButton
            attemptId={attempt.id}
            label={fillMessage(t.retryMissed, { n: score.missedQuestionIds.length })}
            errorText={t.errors.network}
            tl={tl}
          />
        ) : (
          <p>{t.noMistakes}</p>
        )}
        <Link className="button" href="/practice">
          {t.newTest}
        </Link>
      </div>

      <h3>{t.questions}</h3>
      <ol className="question-list result-list">
        {attempt.questions.map((question) => {
          const correct = verdict.get(question.id);
          return (
            <li key={question.id} className={correct ? "right" : "missed"}>
              <span aria-hidden="true">{correct ? "✓" : "✗"}</span>{" "}
              <span className="visually-hidden">{correct ? t.right : t.missed}: </span>
              {question.prompt}
              <br />
              <span className="muted small">
                {aspectTitle.get(question.tags.aspect) ?? question.tags.aspect} · {question.answer}
              </span>
              <ReportProblemButton questionId={question.id} prompt={question.prompt} t={tr} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
