import type { Metadata } from "next";
import Link from "next/link";
import { PracticeSetupForm } from "@/components/practice/practice-setup-form";
import { PracticeHistoryList } from "@/components/practice/practice-history-list";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";
import { deckViewer, getLearnerId } from "@/lib/server/learners";
import { listPracticeAttempts } from "@/lib/server/practice/practice-queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.practice.title };
}

export default async function PracticePage() {
  const { t, locale } = await getMessages();
  const [decks, history] = await Promise.all([
    deckViewer().then((viewer) => listDecks(db, viewer)),
    getLearnerId().then((learnerId) => listPracticeAttempts(db, { learnerId, limit: 5 })),
  ]);
  const defaultDeck = decks.find((d) => d.summary.language === locale) ?? decks[0] ?? null;
  return (
    <>
      <div className="page-title">
        <h1>{t.practice.title}</h1>
        <Link href="/practice/history" className="button small">
          {t.practice.history}
        </Link>
      </div>
      <p className="lead">{t.practice.lead}</p>
      {defaultDeck ? (
        <PracticeSetupForm
          decks={decks.map((d) => d.summary)}
          defaultDeckId={defaultDeck.summary.id}
          t={t.practice}
          tl={t.limits}
          kindNames={t.study.kinds}
        />
      ) : (
        <p className="card">{t.study.noDecks}</p>
      )}
      {history.length > 0 && (
        <section aria-labelledby="recent-tests">
          <h2 id="recent-tests">{t.practice.history}</h2>
          <PracticeHistoryList items={history} t={t.practice} locale={locale} />
        </section>
      )}
    </>
  );
}
