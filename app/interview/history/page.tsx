import type { Metadata } from "next";
import Link from "next/link";
import { InterviewHistoryList } from "@/components/interview/interview-history-list";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { listInterviews } from "@/lib/server/practice/interview-queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.interview.history };
}

export default async function InterviewHistoryPage() {
  const { t, locale } = await getMessages();
  const items = await listInterviews(db, { learnerId: await getLearnerId() });
  return (
    <>
      <div className="page-title">
        <h1>{t.interview.history}</h1>
        <Link href="/interview" className="button small">
          {t.interview.start}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="card">{t.interview.noHistory}</p>
      ) : (
        <InterviewHistoryList items={items} t={t.interview} locale={locale} />
      )}
    </>
  );
}
