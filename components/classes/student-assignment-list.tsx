import Link from "next/link";
import { describeDue, formatDueAbsolute } from "@/lib/core/classes/format-due";
import { fillMessage, type Locale, type Messages } from "@/lib/i18n/locales";
import type { StudentAssignment } from "@/lib/server/classes/assignments";
import { AssignmentStartButton } from "./assignment-start-button";
import { describeAssignment, type DeckNames } from "./assignment-summary";

/**
 * A student's assignments: what each asks, when it is due (relative and absolute, in the
 * student's own zone), their progress, its state, and the button that opens exactly the right
 * study session, test or interview.
 */
export function StudentAssignmentList({
  items,
  decks,
  now,
  timeZone,
  locale,
  t,
  kindNames,
  showClass = false,
  heading: Heading = "h3",
}: {
  items: readonly StudentAssignment[];
  decks: ReadonlyMap<string, DeckNames>;
  now: Date;
  /** The student's zone (their settings), not the class's. */
  timeZone: string;
  locale: Locale;
  t: Messages["classes"];
  kindNames: Messages["study"]["kinds"];
  showClass?: boolean;
  heading?: "h2" | "h3";
}) {
  return (
    <ul className="assignment-list">
      {items.map((item) => (
        <li key={item.assignment.id} className="card assignment-item" data-testid="assignment">
          <AssignmentItem
            item={item}
            decks={decks}
            now={now}
            timeZone={timeZone}
            locale={locale}
            t={t}
            kindNames={kindNames}
            showClass={showClass}
            Heading={Heading}
          />
        </li>
      ))}
    </ul>
  );
}

function AssignmentItem({
  item,
  decks,
  now,
  timeZone,
  locale,
  t,
  kindNames,
  showClass,
  Heading,
}: {
  item: StudentAssignment;
  decks: ReadonlyMap<string, DeckNames>;
  now: Date;
  timeZone: string;
  locale: Locale;
  t: Messages["classes"];
  kindNames: Messages["study"]["kinds"];
  showClass: boolean;
  Heading: "h2" | "h3";
}) {
  const { assignment, progress } = item;
  const percent = Math.round(progress.progress * 100);
  const counts = describeCounts(progress.counts, progress.done, locale, t);
  const best = progress.best ? fillMessage(t.best, { percent: progress.best.percent }) : null;
  const valueText = [counts, best].filter(Boolean).join(", ");
  const upcoming = progress.phase === "upcoming";
  const status = progress.done
    ? progress.late
      ? { text: t.statusLate, tone: "late" }
      : { text: t.statusDone, tone: "done" }
    : progress.overdue
      ? { text: t.statusOverdue, tone: "overdue" }
      : upcoming
        ? { text: t.statusUpcoming, tone: "upcoming" }
        : progress.passed === false && progress.best
          ? { text: t.statusFailed, tone: "failed" }
          : null;
  const due = describeDue(assignment.dueAt, now, locale, timeZone);
  return (
    <>
      <Heading className="assignment-title">
        {assignment.title}
        {status && (
          <span className={`badge status-${status.tone}`} data-testid="assignment-status">
            {status.text}
          </span>
        )}
      </Heading>
      <p className="muted small">
        {describeAssignment(assignment, decks, t, kindNames)}
        {showClass && <> · {fillMessage(t.inClass, { name: item.className })}</>}
      </p>
      <p className="assignment-due">
        {upcoming ? (
          fillMessage(t.opensOn, {
            date: formatDueAbsolute(assignment.openAt, locale, timeZone),
          })
        ) : (
          <>
            <strong>{due.text}</strong>
            <span className="muted">
              {" · "}
              {fillMessage(t.dueAbsolute, {
                date: formatDueAbsolute(assignment.dueAt, locale, timeZone),
              })}
            </span>
          </>
        )}
      </p>
      <div className="assignment-progress">
        <div
          className="progress-track"
          role="progressbar"
          aria-label={fillMessage(t.progressLabel, { title: assignment.title })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={valueText}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <p className="small" data-testid="assignment-progress">
          {valueText}
        </p>
      </div>
      {!upcoming && <StartAction item={item} t={t} />}
    </>
  );
}

function StartAction({ item, t }: { item: StudentAssignment; t: Messages["classes"] }) {
  const { assignment, resume } = item;
  if (item.deckRemoved) {
    return (
      <p className="muted small" data-testid="assignment-deck-removed">
        {t.deckRemoved}
      </p>
    );
  }
  const title = assignment.title;
  const label = (action: string) => fillMessage(t.startLabel, { action, title });
  if (resume) {
    const text = resume.kind === "practice" ? t.continuePractice : t.continueInterview;
    const href =
      resume.kind === "practice"
        ? `/practice/${resume.attemptId}`
        : `/interview/${resume.sessionId}`;
    return (
      <Link className="button primary small" href={href} aria-label={label(text)}>
        {text}
      </Link>
    );
  }
  const { task, scope } = assignment;
  if (task.kind === "study") {
    return (
      <Link
        className="button primary small"
        href={`/study?assignment=${encodeURIComponent(assignment.id)}`}
        aria-label={label(t.startStudy)}
      >
        {t.startStudy}
      </Link>
    );
  }
  const text = task.kind === "practice" ? t.startPractice : t.startInterview;
  return (
    <AssignmentStartButton
      start={
        task.kind === "practice"
          ? {
              kind: "practice",
              deckId: scope.deckId,
              aspects: [...scope.aspects],
              kinds: [...scope.kinds],
              count: task.questionCount,
            }
          : { kind: "interview", deckId: scope.deckId, count: task.questionCount }
      }
      label={text}
      accessibleLabel={label(text)}
      pendingLabel={t.starting}
      failedMessage={t.startFailed}
    />
  );
}

/** «2 из 4 вопросов», «1 из 21 вопроса»; a test or interview is counted or not yet. */
function describeCounts(
  counts: StudentAssignment["progress"]["counts"],
  done: boolean,
  locale: Locale,
  t: Messages["classes"],
): string {
  if (counts.unit !== "question") return t.units[counts.unit][done ? "done" : "open"];
  const form = new Intl.PluralRules(locale).select(counts.total) === "one" ? "one" : "other";
  return fillMessage(t.units.question[form], { done: counts.done, total: counts.total });
}
