import type { Metadata } from "next";
import Link from "next/link";
import { PracticeHistoryList } from "@/components/practice/practice-history-list";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { listPracticeAttempts } from "@/lib/server/practice/practice-queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.practice.history };
}

export default async function PracticeHistoryPage() {
  const { t, locale } = await getMessages();
  const items = await listPracticeAttempts(db, { learnerId: await getLearnerId() });
  return (
    <>
      <div className="page-title">
        <h1>{t.practice.history}</h1>
        <Link href="/practice" className="button small">
          {t.practice.newTest}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="card">{t.practice.noHistory}</p>
      ) : (
        <PracticeHistoryList items={items} t={t.practice} locale={locale} />
      )}
    </>
  );
}
