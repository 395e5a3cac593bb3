import Link from "next/link";
import {
  pageStudents,
  splitBehind,
  type Assignment,
  type AssignmentProgress,
} from "@/lib/core/classes";
import { findGradebookStatus, type GradebookStatus } from "@/lib/core/classes/gradebook-csv";
import { fillMessage, type Locale, type Messages } from "@/lib/i18n/locales";
import type { ClassDashboard } from "@/lib/server/classes/class-dashboard";
import { SortableTable, type SortableRow } from "./sortable-table";

/*
 * The teacher's dashboard sections (app/classes/[classId]/page.tsx renders the roster and the
 * rest): progress per assignment, who is behind, the mastery grid, the questions missed most.
 * Every colour has its words or number next to it.
 */

type DashboardMessages = Messages["classes"]["dashboard"];

const percentOf = (share: number) => Math.round(share * 100);

/** Lower sorts first ascending: the states a teacher acts on come together. */
const STATUS_ORDER: Record<GradebookStatus, number> = {
  overdue: 0,
  "not-passed": 1,
  "not-started": 2,
  "in-progress": 3,
  late: 4,
  done: 5,
  upcoming: 6,
};

function statusText(status: GradebookStatus, d: DashboardMessages): string {
  switch (status) {
    case "done":
      return d.flagDone;
    case "late":
      return d.flagLate;
    case "overdue":
      return d.flagOverdue;
    case "not-passed":
      return d.flagNotPassed;
    case "in-progress":
      return d.flagInProgress;
    case "not-started":
      return d.flagNotStarted;
    case "upcoming":
      return d.flagUpcoming;
  }
}

function progressRows(
  dashboard: ClassDashboard,
  assignment: Assignment,
  d: DashboardMessages,
): SortableRow[] {
  const byLearner = new Map(
    dashboard.progress
      .filter((row) => row.assignmentId === assignment.id)
      .map((row) => [row.learnerId, row]),
  );
  return dashboard.roster.flatMap((student) => {
    const row: AssignmentProgress | undefined = byLearner.get(student.learnerId);
    if (!row) return [];
    const percent = percentOf(row.progress);
    const status = findGradebookStatus(row);
    const score = row.best ? `${row.best.percent} %` : d.noScore;
    return [
      {
        key: student.learnerId,
        cells: [
          { text: student.name, value: student.name },
          { text: `${percent} %`, value: percent },
          { text: score, value: row.best?.percent ?? null },
          {
            text: statusText(status, d),
            value: STATUS_ORDER[status],
            className: `status-cell status-${status}`,
          },
        ],
      },
    ];
  });
}

/** What the dashboard's query picks: the assignment whose table is shown, the grid's page. */
export interface DashboardView {
  assignment?: string;
  mastery?: number;
}

/** The dashboard's own address for a view, scrolled to `anchor`; a choice left out stays default. */
export function dashboardHref(classId: string, view: DashboardView, anchor: string): string {
  const query = new URLSearchParams();
  if (view.assignment !== undefined) query.set("assignment", view.assignment);
  if (view.mastery !== undefined && view.mastery > 1) query.set("mastery", String(view.mastery));
  const search = query.toString();
  return `/classes/${classId}${search ? `?${search}` : ""}#${anchor}`;
}

/**
 * The assignment a teacher most likely wants first: the open one due soonest, else the latest
 * opened, else the first (assignments come by due date).
 */
export function pickShownAssignment(
  assignments: readonly Assignment[],
  requested: string | undefined,
  now: Date,
): Assignment | undefined {
  const time = now.getTime();
  return (
    assignments.find((a) => a.id === requested) ??
    assignments.find((a) => a.openAt.getTime() <= time && a.dueAt.getTime() >= time) ??
    assignments.findLast((a) => a.openAt.getTime() <= time) ??
    assignments[0]
  );
}

/** Links that show the dashboard with another assignment or mastery page, the current one marked. */
function ViewPicker({
  classId,
  anchor,
  choices,
}: {
  classId: string;
  /** The heading the link scrolls back to. */
  anchor: string;
  choices: { key: string; label: string; view: DashboardView; current: boolean }[];
}) {
  return (
    <ul className="progress-picker">
      {choices.map((choice) => (
        <li key={choice.key}>
          <Link
            href={dashboardHref(classId, choice.view, anchor)}
            aria-current={choice.current ? "true" : undefined}
            scroll={false}
          >
            {choice.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * One assignment's table at a time, picked from a list of links (?assignment=<id>): a class
 * of 200 students with 20 assignments would otherwise be 4,000 rows on one page.
 */
export function ProgressTables({
  dashboard,
  view,
  locale,
  t,
  studentLabel,
}: {
  dashboard: ClassDashboard;
  view: DashboardView;
  locale: Locale;
  t: Messages["classes"];
  studentLabel: string;
}) {
  const d = t.dashboard;
  const assignment = pickShownAssignment(dashboard.assignments, view.assignment, dashboard.now);
  if (!assignment) return null;
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{d.progressTitle}</h2>
      <nav aria-label={d.progressPicker}>
        <ViewPicker
          classId={dashboard.k.id}
          anchor="progress-title"
          choices={dashboard.assignments.map((a) => ({
            key: a.id,
            label: a.title,
            view: { ...view, assignment: a.id },
            current: a.id === assignment.id,
          }))}
        />
      </nav>
      <div
        key={assignment.id}
        className="table-scroll card"
        data-testid="assignment-progress"
        data-assignment={assignment.title}
      >
        <SortableTable
          caption={fillMessage(d.progressCaption, { title: assignment.title })}
          columns={[studentLabel, d.completion, d.score, d.state]}
          rows={progressRows(dashboard, assignment, d)}
          sortLabel={d.sortBy}
          locale={locale}
        />
      </div>
    </section>
  );
}

export function BehindList({
  dashboard,
  t,
}: {
  dashboard: ClassDashboard;
  t: Messages["classes"];
}) {
  const d = t.dashboard;
  const titles = new Map(dashboard.assignments.map((a) => [a.id, a.title]));
  const { shown, more } = splitBehind(dashboard.behind);
  return (
    <section aria-labelledby="behind-title">
      <h2 id="behind-title">{d.behindTitle}</h2>
      {dashboard.behind.length === 0 ? (
        <p className="card">{d.behindEmpty}</p>
      ) : (
        <ul className="card behind-list" data-testid="behind-list">
          {shown.map((student) => (
            <li key={student.learnerId} data-testid="behind-student">
              <strong>{student.name}</strong>
              <ul>
                {student.items.map((item) => (
                  <li key={item.assignmentId}>
                    {fillMessage(item.reason === "overdue" ? d.behindOverdue : d.behindUnderHalf, {
                      title: titles.get(item.assignmentId) ?? "",
                      percent: percentOf(item.progress),
                    })}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && (
        <p className="muted" data-testid="behind-more">
          {fillMessage(d.behindMore, { n: more })}
        </p>
      )}
    </section>
  );
}

/**
 * Students × aspects, a page of students at a time (the class row covers everyone). A cell is
 * one element with its words: the band colours it through `data-band` (app/globals.css), so a
 * grid of hundreds of cells stays light in the HTML and in the React payload alike.
 */
export function MasteryGrids({
  dashboard,
  view,
  t,
}: {
  dashboard: ClassDashboard;
  view: DashboardView;
  t: Messages["classes"];
}) {
  const d = t.dashboard;
  const names = new Map(dashboard.roster.map((s) => [s.learnerId, s.name]));
  if (dashboard.mastery.length === 0 || dashboard.roster.length === 0) return null;
  const cellText = (cell: ClassDashboard["mastery"][number]["grid"]["classCells"][number]) =>
    cell.share === null
      ? d.masteryNone
      : `${fillMessage(d.masteryCell, {
          percent: percentOf(cell.share),
          recalled: cell.recalled,
          total: cell.total,
        })} · ${d.bands[cell.band]}`;
  const range = pageStudents(dashboard.roster, view.mastery);
  const shown = new Set(range.rows.map((s) => s.learnerId));
  return (
    <section aria-labelledby="mastery-title">
      <h2 id="mastery-title">{d.masteryTitle}</h2>
      <p className="muted small">{d.masteryLegend}</p>
      {range.pages > 1 && (
        <nav aria-label={d.masteryPages}>
          <p className="small" data-testid="mastery-range">
            {fillMessage(d.masteryRange, {
              first: range.first,
              last: range.last,
              total: dashboard.roster.length,
            })}
          </p>
          <ViewPicker
            classId={dashboard.k.id}
            anchor="mastery-title"
            choices={Array.from({ length: range.pages }, (_, i) => {
              const page = pageStudents(dashboard.roster, i + 1);
              return {
                key: String(page.page),
                label: `${page.first}–${page.last}`,
                view: { ...view, mastery: page.page },
                current: page.page === range.page,
              };
            })}
          />
        </nav>
      )}
      {dashboard.mastery.map(({ deckId, title, aspectTitles, grid }) => (
        // Focusable, so a keyboard can scroll a grid wider than the screen.
        <div
          key={deckId}
          className="table-scroll card"
          role="region"
          aria-label={fillMessage(d.masteryCaption, { deck: title })}
          tabIndex={0}
        >
          <table className="mastery-grid" data-testid="mastery-grid">
            <caption>{fillMessage(d.masteryCaption, { deck: title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.student}</th>
                {grid.aspects.map((aspect) => (
                  <th key={aspect} scope="col">
                    {aspectTitles[aspect] ?? aspect}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows
                .filter((row) => shown.has(row.learnerId))
                .map((row) => (
                  <tr key={row.learnerId}>
                    <th scope="row">{names.get(row.learnerId)}</th>
                    {row.cells.map((cell) => (
                      <td key={cell.aspect} data-band={cell.band}>
                        {cellText(cell)}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{d.masteryClass}</th>
                {grid.classCells.map((cell) => (
                  <td key={cell.aspect} data-band={cell.band}>
                    {cellText(cell)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The deck page's anchor of a question (app/decks/[deckId]/page.tsx gives each one). */
export function questionHref(deckId: string, questionId: string): string {
  return `/decks/${encodeURIComponent(deckId)}#${encodeURIComponent(`q-${questionId}`)}`;
}

export function MissedQuestions({
  dashboard,
  t,
}: {
  dashboard: ClassDashboard;
  t: Messages["classes"];
}) {
  const d = t.dashboard;
  if (dashboard.assignments.length === 0) return null;
  return (
    <section aria-labelledby="missed-title">
      <h2 id="missed-title">{d.missedTitle}</h2>
      {dashboard.missed.length === 0 ? (
        <p className="card">{d.missedEmpty}</p>
      ) : (
        <ol className="missed-list">
          {dashboard.missed.map((q) => (
            <li key={q.questionId} className="card" data-testid="missed-question">
              <p className="missed-prompt">{q.prompt}</p>
              <p>
                {fillMessage(d.missRate, {
                  percent: percentOf(q.missRate),
                  misses: q.misses,
                  answers: q.answers,
                  learners: q.learners,
                })}
              </p>
              <blockquote className="source-quote">{q.quote}</blockquote>
              {dashboard.removedDeckIds.includes(q.deckId) ? (
                <span className="badge">{t.deckRemovedBadge}</span>
              ) : (
                <Link href={questionHref(q.deckId, q.questionId)}>{d.openQuestion}</Link>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The live quizzes linked to this class, each with a link to its report. */
export function LiveGames({
  dashboard,
  locale,
  t,
}: {
  dashboard: ClassDashboard;
  locale: Locale;
  t: Messages["live"]["report"];
}) {
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: dashboard.k.timeZone,
  });
  return (
    <section aria-labelledby="live-games-title">
      <h2 id="live-games-title">{t.classGames}</h2>
      {dashboard.liveGames.length === 0 ? (
        <p className="muted">{t.noGames}</p>
      ) : (
        <ul className="live-games">
          {dashboard.liveGames.map((g) => (
            <li key={g.gameId}>
              <Link href={`/live/host/${g.gameId}/report`}>
                {g.deckTitle} · {date.format(g.createdAt)}
              </Link>{" "}
              <span className="muted">({g.playerCount})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
