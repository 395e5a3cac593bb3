import type { Metadata } from "next";
import { PracticeResult } from "@/components/practice/practice-result";
import { PracticeRunner } from "@/components/practice/practice-runner";
import { fillMessage } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { orNotFound } from "@/lib/server/not-found";
import { getPracticeAttempt } from "@/lib/server/practice/practice-queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ attemptId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.practice.title };
}

/** A practice test in progress, or its result once every question is answered. */
export default async function PracticeAttemptPage({ params }: Props) {
  const { t } = await getMessages();
  const { attemptId } = await params;
  const attempt = await orNotFound(
    getPracticeAttempt(db, { learnerId: await getLearnerId(), attemptId }),
  );
  return (
    <>
      <div className="page-title">
        <h1>
          {t.practice.title}: {attempt.deck.title}
        </h1>
      </div>
      {attempt.finishedAt ? (
        <PracticeResult attempt={attempt} t={t.practice} tr={t.reports} tl={t.limits} />
      ) : (
        <>
          {!attempt.retryOfId && attempt.questions.length < attempt.filters.count && (
            <p className="notice">
              {fillMessage(t.practice.fewer, { n: attempt.questions.length })}
            </p>
          )}
          <PracticeRunner
            attemptId={attempt.id}
            questions={attempt.questions}
            answeredIds={attempt.answers.map((a) => a.questionId)}
            aspectTitles={Object.fromEntries(attempt.deck.aspects.map((a) => [a.key, a.title]))}
            t={t.practice}
            ts={t.study}
            tr={t.reports}
            tl={t.limits}
          />
        </>
      )}
    </>
  );
}
