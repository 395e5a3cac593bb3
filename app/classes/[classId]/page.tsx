import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  describeAssignment,
  indexDeckNames,
  type DeckNames,
} from "@/components/classes/assignment-summary";
import {
  BehindList,
  MasteryGrids,
  LiveGames,
  MissedQuestions,
  ProgressTables,
  type DashboardView,
} from "@/components/classes/class-dashboard";
import { RosterRemoval } from "@/components/classes/roster-removal";
import { REMOVE_ENROLLMENT, REMOVE_NAME } from "@/components/classes/roster-removal-keys";
import { StudentAssignmentList } from "@/components/classes/student-assignment-list";
import { ActionButton } from "@/components/forms/action-button";
import { DeleteSection } from "@/components/forms/delete-section";
import { formatDueAbsolute } from "@/lib/core/classes/format-due";
import { ValidatedForm } from "@/components/forms/validated-form";
import { DashboardQuerySchema, RecordIdSchema } from "@/lib/core/classes/class-schemas";
import { formatJoinCode } from "@/lib/core/classes/join-code";
import { fillMessage, type Locale, type Messages } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getClassDashboard, type ClassDashboard } from "@/lib/server/classes/class-dashboard";
import { getStudentClass, type StudentClass } from "@/lib/server/classes/class-queries";
import {
  listClassAssignmentsForStudent,
  type StudentAssignment,
} from "@/lib/server/classes/assignments";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";
import { getStudySettings } from "@/lib/server/study/learner-settings";
import { NotFoundError } from "@/lib/server/errors";
import { getLearnerId } from "@/lib/server/learners";
import { orNotFound } from "@/lib/server/not-found";
import { requestOrigin } from "@/lib/server/request";
import {
  leaveClassAction,
  newJoinCode,
  removeClass,
  removeClassStudent,
  saveClassDetails,
  setClassArchived,
  setClassJoining,
} from "../actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.classes.title };
}

type Props = {
  params: Promise<{ classId: string }>;
  searchParams: Promise<{ assignment?: string | string[]; mastery?: string | string[] }>;
};

const unlessNotFound = <T,>(load: Promise<T>): Promise<T | null> =>
  load.catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });

/**
 * The class page: its teacher manages it here; a student enrolled in it sees it; everyone else,
 * including a student who left or was removed, gets the 404 page.
 */
export default async function ClassPage({ params, searchParams }: Props) {
  const id = RecordIdSchema.safeParse((await params).classId);
  if (!id.success) notFound();
  const classId = id.data;
  const { locale, t } = await getMessages();
  const user = await getCurrentUser();
  // The teacher's class: the whole dashboard in one data-layer call; anyone else gets null.
  const dashboard = user
    ? await unlessNotFound(
        getClassDashboard(db, { teacherId: user.id, classId, now: new Date(), locale }),
      )
    : null;
  if (dashboard) {
    return (
      <TeacherView
        dashboard={dashboard}
        view={DashboardQuerySchema.parse(await searchParams)}
        decks={indexDeckNames(await listDecks(db, { userId: user?.id }))}
        origin={await requestOrigin()}
        locale={locale}
        t={t}
      />
    );
  }
  const learnerId = await getLearnerId();
  const joined = learnerId
    ? await unlessNotFound(getStudentClass(db, { learnerId, classId }))
    : null;
  if (joined && learnerId) {
    const now = new Date();
    const [assignments, decks, settings] = await Promise.all([
      // A student removed a moment ago: the 404 page, as for anyone outside the class.
      orNotFound(listClassAssignmentsForStudent(db, { learnerId, classId, now })),
      listDecks(db, { learnerId }),
      getStudySettings(db, learnerId),
    ]);
    return (
      <StudentView
        k={joined}
        assignments={assignments}
        decks={indexDeckNames(decks)}
        now={now}
        timeZone={settings.timeZone}
        locale={locale}
        t={t}
      />
    );
  }
  notFound();
}

/** Where this app is served, for the join link the teacher hands out. */
function dateIn(locale: Locale, timeZone: string) {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  return (value: Date) => format.format(value);
}

function TeacherView({
  dashboard,
  view,
  decks,
  origin,
  locale,
  t,
}: {
  dashboard: ClassDashboard;
  /** The assignment whose progress table is shown, the mastery grid's page (the query). */
  view: DashboardView;
  decks: ReadonlyMap<string, DeckNames>;
  origin: string;
  locale: Locale;
  t: Messages;
}) {
  const { k, assignments, roster } = dashboard;
  const c = t.classes;
  // A deck deleted since it was assigned is no longer listed; its title still names it here.
  const deckNames = new Map(decks);
  for (const id of dashboard.removedDeckIds) {
    deckNames.set(id, { title: dashboard.deckTitles[id] ?? id, aspects: new Map() });
  }
  const d = c.dashboard;
  const code = formatJoinCode(k.joinCode);
  const link = `${origin}/join/${code}`;
  const date = dateIn(locale, k.timeZone);
  const dateTime = (value: Date) => formatDueAbsolute(value, locale, k.timeZone);
  const classValues = { classId: k.id };
  return (
    <>
      <p>
        <Link href="/classes">← {c.title}</Link>
      </p>
      <div className="page-title">
        <h1>{k.name}</h1>
        {k.archivedAt && <span className="badge">{c.archived}</span>}
      </div>
      {k.description && <p className="lead">{k.description}</p>}

      <section className="card join-panel" aria-labelledby="join-title">
        <h2 id="join-title">{c.joinSection}</h2>
        <p className="muted small" id="join-code-label">
          {c.joinCodeLabel}
        </p>
        <p className="join-code" aria-labelledby="join-code-label" data-testid="join-code">
          {code}
        </p>
        <p className="muted small">{c.joinHint}</p>
        <p>
          {c.joinLink}:{" "}
          <a href={`/join/${code}`} className="join-link" data-testid="join-link">
            {link}
          </a>
        </p>
        <p role="status">{k.joiningOpen ? c.joiningOpenState : c.joiningClosedState}</p>
        <div className="actions">
          <ActionButton
            action={setClassJoining}
            values={{ ...classValues, open: String(!k.joiningOpen) }}
            label={k.joiningOpen ? c.closeJoining : c.openJoining}
            errors={c.errors}
          />
          <ActionButton
            action={newJoinCode}
            values={classValues}
            label={c.regenerate}
            errors={c.errors}
            confirm={{
              title: c.regenerateTitle,
              body: c.regenerateBody,
              confirmLabel: c.regenerate,
              cancelLabel: c.cancel,
            }}
          />
        </div>
      </section>

      <section aria-labelledby="assignments-title">
        <div className="page-title">
          <h2 id="assignments-title">
            {c.assignments} <span className="muted">({assignments.length})</span>
          </h2>
          <Link className="button primary small" href={`/classes/${k.id}/assignments/new`}>
            {c.newAssignment}
          </Link>
        </div>
        {assignments.length === 0 ? (
          <p className="card">
            {c.assignmentsEmpty}{" "}
            <Link href={`/classes/${k.id}/assignments/new`}>{d.createFirst}</Link>
          </p>
        ) : (
          <div className="table-scroll card">
            <table className="assignments-table">
              <thead>
                <tr>
                  <th scope="col">{c.assignmentTitleField}</th>
                  <th scope="col">{c.typeColumn}</th>
                  <th scope="col">{c.opensColumn}</th>
                  <th scope="col">{c.dueColumn}</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => (
                  <tr key={a.id} data-testid="teacher-assignment">
                    <th scope="row">
                      <Link
                        href={`/classes/${k.id}/assignments/${a.id}`}
                        aria-label={fillMessage(c.editLabel, { title: a.title })}
                      >
                        {a.title}
                      </Link>
                    </th>
                    <td>
                      {describeAssignment(a, deckNames, c, t.study.kinds)}
                      {dashboard.removedDeckIds.includes(a.scope.deckId) && (
                        <>
                          {" "}
                          <span className="badge" data-testid="assignment-deck-removed">
                            {c.deckRemovedBadge}
                          </span>
                        </>
                      )}
                    </td>
                    <td>{formatDueAbsolute(a.openAt, locale, k.timeZone)}</td>
                    <td>{formatDueAbsolute(a.dueAt, locale, k.timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">{fillMessage(c.zoneNote, { zone: k.timeZone })}</p>
      </section>

      <section aria-labelledby="roster-title">
        <div className="page-title">
          <h2 id="roster-title">
            {c.roster} <span className="muted">({roster.length})</span>
          </h2>
          {roster.length > 0 && (
            // A plain link: the browser downloads the file (Content-Disposition: attachment).
            <a
              className="button small"
              href={`/api/classes/${k.id}/gradebook`}
              download
              data-testid="gradebook-link"
            >
              {d.gradebook}
            </a>
          )}
        </div>
        {roster.length === 0 ? (
          <p className="card">
            {c.rosterEmpty} {fillMessage(d.noStudents, { code })}
          </p>
        ) : (
          <>
            <p className="muted small">{d.gradebookHint}</p>
            <RosterRemoval
              action={removeClassStudent}
              classId={k.id}
              t={{
                remove: c.remove,
                removeTitle: c.removeTitle,
                removeBody: c.removeBody,
                cancel: c.cancel,
                errors: c.errors,
              }}
            >
              <div className="table-scroll card">
                <table className="roster-table" data-testid="roster">
                  <thead>
                    <tr>
                      <th scope="col">{c.student}</th>
                      <th scope="col">{c.joined}</th>
                      <th scope="col">{d.lastActive}</th>
                      <th scope="col">{d.assignmentsDone}</th>
                      <th scope="col">
                        <span className="visually-hidden">{c.remove}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {roster.map((s) => (
                      <tr key={s.enrollmentId} data-testid="roster-row">
                        <th scope="row">
                          {s.name}
                          {s.guest && <span className="badge">{c.guest}</span>}
                        </th>
                        <td>{date(s.joinedAt)}</td>
                        <td>{s.lastActiveAt ? dateTime(s.lastActiveAt) : d.never}</td>
                        <td>{fillMessage(d.doneOf, { done: s.done, total: s.assigned })}</td>
                        <td>
                          <button
                            type="button"
                            className="button small"
                            aria-haspopup="dialog"
                            aria-label={fillMessage(c.removeLabel, { name: s.name })}
                            {...{ [REMOVE_ENROLLMENT]: s.enrollmentId, [REMOVE_NAME]: s.name }}
                          >
                            {c.remove}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </RosterRemoval>
          </>
        )}
      </section>

      {roster.length > 0 && assignments.length > 0 && (
        <>
          <BehindList dashboard={dashboard} t={c} />
          <ProgressTables
            dashboard={dashboard}
            view={view}
            locale={locale}
            t={c}
            studentLabel={c.student}
          />
          <MasteryGrids dashboard={dashboard} view={view} t={c} />
          <MissedQuestions dashboard={dashboard} t={c} />
        </>
      )}

      <LiveGames dashboard={dashboard} locale={locale} t={t.live.report} />

      <section aria-labelledby="details-title">
        <h2 id="details-title">{c.details}</h2>
        <ValidatedForm
          id="class-details"
          schema="updateClass"
          action={saveClassDetails}
          hidden={classValues}
          submitLabel={c.save}
          successMessage={c.saved}
          t={c}
          fields={[
            { name: "name", label: c.name, defaultValue: k.name, maxLength: 80 },
            {
              name: "description",
              label: c.description,
              type: "textarea",
              defaultValue: k.description ?? "",
              maxLength: 500,
            },
            { name: "timeZone", label: c.timeZone, defaultValue: k.timeZone },
          ]}
        />
        <div className="card">
          <p className="muted">{c.archiveNote}</p>
          <ActionButton
            action={setClassArchived}
            values={{ ...classValues, archived: String(!k.archivedAt) }}
            label={k.archivedAt ? c.unarchive : c.archive}
            errors={c.errors}
          />
        </div>
      </section>

      <DeleteSection
        id="delete-title"
        heading={c.deleteTitle}
        explanation={c.deleteBody}
        action={removeClass}
        values={classValues}
        label={c.delete}
        confirmTitle={fillMessage(c.deleteConfirmTitle, { name: k.name })}
        cancelLabel={c.cancel}
        errors={c.errors}
      />
    </>
  );
}

function StudentView({
  k,
  assignments,
  decks,
  now,
  timeZone,
  locale,
  t,
}: {
  k: StudentClass;
  assignments: StudentAssignment[];
  decks: ReadonlyMap<string, DeckNames>;
  now: Date;
  timeZone: string;
  locale: Locale;
  t: Messages;
}) {
  const c = t.classes;
  return (
    <>
      <p>
        <Link href="/classes">← {c.title}</Link>
      </p>
      <div className="page-title">
        <h1>{k.name}</h1>
        {k.archivedAt && <span className="badge">{c.archived}</span>}
      </div>
      {k.description && <p className="lead">{k.description}</p>}
      {k.archivedAt && <p className="notice">{c.archivedNote}</p>}
      <section aria-labelledby="my-assignments-title">
        <h2 id="my-assignments-title">{c.assignments}</h2>
        {assignments.length === 0 ? (
          <p className="card">{c.noAssignments}</p>
        ) : (
          <StudentAssignmentList
            items={assignments}
            decks={decks}
            now={now}
            timeZone={timeZone}
            locale={locale}
            t={c}
            kindNames={t.study.kinds}
          />
        )}
      </section>
      <div className="card">
        <p>{fillMessage(c.teacher, { name: k.teacherName })}</p>
        <p className="muted">
          {fillMessage(c.joinedOn, { date: dateIn(locale, k.timeZone)(k.joinedAt) })}
        </p>
        {k.displayName && (
          <p className="muted">{fillMessage(c.joinedAs, { name: k.displayName })}</p>
        )}
        <ActionButton
          action={leaveClassAction}
          values={{ classId: k.id }}
          label={c.leave}
          errors={c.errors}
          confirm={{
            title: fillMessage(c.leaveTitle, { name: k.name }),
            body: c.leaveBody,
            confirmLabel: c.leave,
            cancelLabel: c.cancel,
          }}
        />
      </div>
    </>
  );
}
