import Link from "next/link";
import { indexDeckNames } from "@/components/classes/assignment-summary";
import { StudentAssignmentList } from "@/components/classes/student-assignment-list";
import { listAssignmentsToDo } from "@/lib/core/classes/student-assignments";
import type { Locale, Messages } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { listStudentAssignments, type StudentAssignment } from "@/lib/server/classes/assignments";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";
import { getLearnerId } from "@/lib/server/learners";
import { getLearnerSummary } from "@/lib/server/stats/get-learner-summary";
import { getStudySettings } from "@/lib/server/study/learner-settings";

export const dynamic = "force-dynamic";

/** How many of a student's open assignments the home page lists (the rest are on /classes). */
const HOME_ASSIGNMENTS = 3;

export default async function HomePage() {
  const { t, locale } = await getMessages();
  const learnerId = await getLearnerId();
  const now = new Date();
  const [summary, todo] = await Promise.all([
    getLearnerSummary(db, { learnerId, now }),
    learnerId
      ? listStudentAssignments(db, { learnerId, now }).then(listAssignmentsToDo)
      : Promise.resolve([]),
  ]);
  const homework =
    todo.length > 0 && learnerId ? (
      <HomeAssignments items={todo} learnerId={learnerId} now={now} locale={locale} t={t} />
    ) : null;

  if (summary) {
    const nothingLeft = summary.dueToday === 0 && summary.newToday === 0;
    return (
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t.home.welcomeBack}</h1>
        {homework}
        <dl className="summary-figures home-figures">
          <div>
            <dt>{t.home.dueToday}</dt>
            <dd data-testid="home-due-today">{summary.dueToday}</dd>
          </div>
          <div>
            <dt>{t.home.newToday}</dt>
            <dd data-testid="home-new-today">{summary.newToday}</dd>
          </div>
          <div>
            <dt>{t.home.streak}</dt>
            <dd data-testid="home-streak">{summary.streak}</dd>
          </div>
          <div>
            <dt>{t.home.reviewsToday}</dt>
            <dd data-testid="home-reviews-today">{summary.reviewsToday}</dd>
          </div>
        </dl>
        {nothingLeft && <p className="lead">{t.home.allDone}</p>}
        <div className="actions">
          <Link className="button primary" href="/study">
            {t.home.continue}
          </Link>
          <Link className="button" href="/stats">
            {t.home.stats}
          </Link>
        </div>
      </section>
    );
  }

  const user = await getCurrentUser();
  return (
    <section className="hero" aria-labelledby="home-title">
      <h1 id="home-title">{t.home.title}</h1>
      {homework}
      <p className="lead">{t.home.lead}</p>
      <ul className="home-points">
        {t.home.points.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ul>
      <div className="actions">
        <Link className="button primary" href="/study">
          {user ? t.stats.startStudy : t.home.start}
        </Link>
        <Link className="button" href="/decks">
          {t.home.decks}
        </Link>
      </div>
      {!user && <p className="muted small">{t.home.guestNote}</p>}
    </section>
  );
}

/** The student's open assignments, the nearest due first: homework comes before free study. */
async function HomeAssignments({
  items,
  learnerId,
  now,
  locale,
  t,
}: {
  items: StudentAssignment[];
  learnerId: string;
  now: Date;
  locale: Locale;
  t: Messages;
}) {
  const [decks, settings] = await Promise.all([
    listDecks(db, { learnerId }),
    getStudySettings(db, learnerId),
  ]);
  return (
    <section className="home-assignments" aria-labelledby="home-assignments-title">
      <h2 id="home-assignments-title">{t.classes.homework}</h2>
      <StudentAssignmentList
        items={items.slice(0, HOME_ASSIGNMENTS)}
        decks={indexDeckNames(decks)}
        now={now}
        timeZone={settings.timeZone}
        locale={locale}
        t={t.classes}
        kindNames={t.study.kinds}
        showClass
      />
      <p>
        <Link href="/classes">{t.classes.allAssignments}</Link>
      </p>
    </section>
  );
}
