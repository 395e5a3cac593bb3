import Link from "next/link";
import { percentOf, type AspectScore } from "@/lib/core/practice/aspect-scores";
import type { Messages } from "@/lib/i18n/locales";
import type { InterviewView } from "@/lib/server/practice/interview-queries";
import { formatDuration } from "../practice/practice-result";

/** Score, strong and weak aspects (with links to study them) and each item's covered points. */
export function InterviewReport({ view, t }: { view: InterviewView; t: Messages["interview"] }) {
  const aspectTitle = new Map(view.deck.aspects.map((a) => [a.key as string, a.title]));
  const studyLink = (aspect: string) =>
    `/study?deck=${encodeURIComponent(view.deck.id)}&aspect=${encodeURIComponent(aspect)}`;
  const elapsed = (view.finishedAt ?? view.startedAt).getTime() - view.startedAt.getTime();
  const aspectList = (scores: AspectScore[], testId: string, withLinks: boolean) =>
    scores.length === 0 ? (
      <p className="muted">{t.none}</p>
    ) : (
      <ul className="aspect-list" data-testid={testId}>
        {scores.map((score) => {
          const title = aspectTitle.get(score.aspect) ?? score.aspect;
          return (
            <li key={score.aspect} data-aspect={score.aspect}>
              <span className="aspect-name">{title}</span>{" "}
              <span className="muted">
                {score.earned} / {score.possible} ({percentOf(score.earned, score.possible)}%)
              </span>
              {withLinks && (
                <>
                  {" "}
                  <Link href={studyLink(score.aspect)}>
                    {t.studyAspect}: {title}
                  </Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
    );
  const missedAny = view.score.missedPositions.length > 0;
  return (
    <section className="card summary" aria-labelledby="report-title">
      <h2 id="report-title">{t.reportTitle}</h2>
      <dl className="summary-figures">
        <div>
          <dt>{t.score}</dt>
          <dd data-testid="interview-score">
            {view.score.covered} / {view.score.total}
          </dd>
        </div>
        <div>
          <dt>%</dt>
          <dd>{view.score.percent}%</dd>
        </div>
        <div>
          <dt>{t.items}</dt>
          <dd>{view.items.length}</dd>
        </div>
        <div>
          <dt>⏱</dt>
          <dd>{formatDuration(elapsed)}</dd>
        </div>
      </dl>
      <h3>{t.strong}</h3>
      {aspectList(view.report.strong, "strong-aspects", false)}
      <h3>{t.weak}</h3>
      {aspectList(view.report.weak, "weak-aspects", true)}
      {missedAny && <p className="notice">{t.scheduled}</p>}

      <h3>{t.items}</h3>
      <ol className="question-list result-list">
        {view.items.map((item) => {
          const covered = new Set(item.coveredPoints ?? []);
          const missed = (item.keyPoints ?? []).filter((_, index) => !covered.has(index));
          return (
            <li key={item.position}>
              <p>
                <strong>{item.prompt}</strong>{" "}
                <span className="muted small">
                  · {aspectTitle.get(item.aspect) ?? item.aspect} · {covered.size} /{" "}
                  {item.keyPoints?.length ?? 0}
                </span>
              </p>
              <p className="small">
                <span className="muted">{t.yourAnswer}:</span>{" "}
                {item.text?.trim() ? item.text : t.noAnswer}
                {item.timedOut && <span className="muted"> ({t.timedOut})</span>}
              </p>
              {missed.length > 0 ? (
                <div className="small">
                  <span className="muted">{t.missedPoints}:</span>
                  <ul>
                    {missed.map((point) => (
                      <li key={point.text}>{point.text}</li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="small muted">{t.allCovered}</p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <Link className="button" href="/interview">
          {t.start}
        </Link>
      </div>
    </section>
  );
}
