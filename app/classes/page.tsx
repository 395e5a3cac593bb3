import type { Metadata } from "next";
import Link from "next/link";
import { indexDeckNames } from "@/components/classes/assignment-summary";
import { StudentAssignmentList } from "@/components/classes/student-assignment-list";
import { ActionButton } from "@/components/forms/action-button";
import { ValidatedForm } from "@/components/forms/validated-form";
import { formatJoinCode } from "@/lib/core/classes/join-code";
import { fillMessage } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { getAccountOverview } from "@/lib/server/auth/account-queries";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { listStudentClasses, listTeacherClasses } from "@/lib/server/classes/class-queries";
import { listStudentAssignments } from "@/lib/server/classes/assignments";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";
import { getStudySettings } from "@/lib/server/study/learner-settings";
import { getLearnerId } from "@/lib/server/learners";
import { createClassAction, leaveClassAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.classes.title };
}

/** A teacher's classes and the form for a new one; for everyone, the classes they are in. */
export default async function ClassesPage() {
  const { locale, t } = await getMessages();
  const c = t.classes;
  const user = await getCurrentUser();
  const account = user ? await getAccountOverview(db, { userId: user.id }) : null;
  const teaching =
    user && account?.role === "teacher"
      ? await listTeacherClasses(db, { teacherId: user.id })
      : null;
  const learnerId = await getLearnerId();
  const memberships = learnerId ? await listStudentClasses(db, { learnerId }) : [];
  const now = new Date();
  const [assignments, decks, settings] =
    learnerId && memberships.length > 0
      ? await Promise.all([
          listStudentAssignments(db, { learnerId, now }),
          listDecks(db, { userId: user?.id, learnerId }),
          getStudySettings(db, learnerId),
        ])
      : [[], [], null];
  const date = (value: Date, timeZone: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(value);

  return (
    <>
      <div className="page-title">
        <h1>{c.title}</h1>
        <Link className="button" href="/join">
          {c.join}
        </Link>
      </div>

      {teaching && (
        <>
          <section aria-labelledby="teaching-title">
            <h2 id="teaching-title">{c.teaching}</h2>
            {!account?.name && (
              <p className="notice">
                {c.noTeacherName} <Link href="/account">{c.accountLink}</Link>
              </p>
            )}
            {teaching.every((k) => k.archivedAt) && <p className="muted">{c.noClasses}</p>}
            <ul className="class-list">
              {teaching
                .filter((k) => !k.archivedAt)
                .map((k) => (
                  <li key={k.id} className="card">
                    <h3>
                      <Link href={`/classes/${k.id}`}>{k.name}</Link>
                    </h3>
                    <p className="muted">
                      {fillMessage(c.students, { n: k.studentCount })} · {c.code}:{" "}
                      <span className="join-code-inline">{formatJoinCode(k.joinCode)}</span>
                      {!k.joiningOpen && ` · ${c.joiningClosed}`}
                    </p>
                  </li>
                ))}
            </ul>
          </section>
          <section aria-labelledby="new-class-title">
            <h2 id="new-class-title">{c.newClass}</h2>
            <ValidatedForm
              id="new-class"
              schema="classDetails"
              action={createClassAction}
              submitLabel={c.create}
              t={c}
              fields={[
                { name: "name", label: c.name, maxLength: 80, autoComplete: "off" },
                { name: "description", label: c.description, type: "textarea", maxLength: 500 },
                { name: "timeZone", label: c.timeZone, defaultValue: account?.timeZone ?? "UTC" },
              ]}
            />
          </section>
          {teaching.some((k) => k.archivedAt) && (
            <section aria-labelledby="archived-title">
              <h2 id="archived-title">{c.archivedTitle}</h2>
              <ul className="class-list">
                {teaching
                  .filter((k) => k.archivedAt)
                  .map((k) => (
                    <li key={k.id} className="card">
                      <h3>
                        <Link href={`/classes/${k.id}`}>{k.name}</Link>
                      </h3>
                      <p className="muted">{fillMessage(c.students, { n: k.studentCount })}</p>
                    </li>
                  ))}
              </ul>
            </section>
          )}
        </>
      )}

      {assignments.length > 0 && settings && (
        <section aria-labelledby="my-assignments-title">
          <h2 id="my-assignments-title">{c.myAssignments}</h2>
          <StudentAssignmentList
            items={assignments}
            decks={indexDeckNames(decks)}
            now={now}
            timeZone={settings.timeZone}
            locale={locale}
            t={c}
            kindNames={t.study.kinds}
            showClass
          />
        </section>
      )}

      {(!teaching || memberships.length > 0) && (
        <section aria-labelledby="learning-title">
          <h2 id="learning-title">{teaching ? c.learning : c.teaching}</h2>
          {memberships.length === 0 && (
            <p className="card">
              {c.noMemberships} <Link href="/join">{c.join}</Link>
            </p>
          )}
          <ul className="class-list">
            {memberships.map((k) => (
              <li key={k.id} className="card">
                <h3>
                  <Link href={`/classes/${k.id}`}>{k.name}</Link>
                  {k.archivedAt && <span className="badge">{c.archived}</span>}
                </h3>
                <p className="muted">
                  {fillMessage(c.teacher, { name: k.teacherName })} ·{" "}
                  {fillMessage(c.joinedOn, { date: date(k.joinedAt, k.timeZone) })}
                </p>
                <ActionButton
                  action={leaveClassAction}
                  values={{ classId: k.id }}
                  label={c.leave}
                  accessibleLabel={`${c.leave}: ${k.name}`}
                  small
                  errors={c.errors}
                  confirm={{
                    title: fillMessage(c.leaveTitle, { name: k.name }),
                    body: c.leaveBody,
                    confirmLabel: c.leave,
                    cancelLabel: c.cancel,
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      {!teaching && (
        <p className="muted small">
          {user ? (
            <Link href="/account">{c.becomeTeacher}</Link>
          ) : (
            <Link href="/login?next=/classes">{c.signInToTeach}</Link>
          )}
        </p>
      )}
    </>
  );
}
