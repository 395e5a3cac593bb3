import type { Metadata } from "next";
import Link from "next/link";
import { InterviewHistoryList } from "@/components/interview/interview-history-list";
import { InterviewSetupForm } from "@/components/interview/interview-setup-form";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { listDecks } from "@/lib/server/decks/queries";
import { deckViewer, getLearnerId } from "@/lib/server/learners";
import { listInterviews } from "@/lib/server/practice/interview-queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.interview.title };
}

export default async function InterviewPage() {
  const { t, locale } = await getMessages();
  const [decks, history] = await Promise.all([
    deckViewer().then((viewer) => listDecks(db, viewer)),
    getLearnerId().then((learnerId) => listInterviews(db, { learnerId, limit: 5 })),
  ]);
  const defaultDeck = decks.find((d) => d.summary.language === locale) ?? decks[0] ?? null;
  return (
    <>
      <div className="page-title">
        <h1>{t.interview.title}</h1>
        <Link href="/interview/history" className="button small">
          {t.interview.history}
        </Link>
      </div>
      <p className="lead">{t.interview.lead}</p>
      {defaultDeck ? (
        <InterviewSetupForm
          decks={decks.map((d) => d.summary)}
          defaultDeckId={defaultDeck.summary.id}
          t={t.interview}
          errors={t.practice.errors}
          tl={t.limits}
        />
      ) : (
        <p className="card">{t.study.noDecks}</p>
      )}
      {history.length > 0 && (
        <section aria-labelledby="recent-interviews">
          <h2 id="recent-interviews">{t.interview.history}</h2>
          <InterviewHistoryList items={history} t={t.interview} locale={locale} />
        </section>
      )}
    </>
  );
}
