import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { getLearnerSummary } from "@/lib/server/stats/get-learner-summary";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { t } = await getMessages();
  const summary = await getLearnerSummary(db, {
    learnerId: await getLearnerId(),
    now: new Date(),
  });

  if (summary) {
    const nothingLeft = summary.dueToday === 0 && summary.newToday === 0;
    return (
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t.home.welcomeBack}</h1>
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
