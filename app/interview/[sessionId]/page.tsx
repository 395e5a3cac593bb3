import type { Metadata } from "next";
import { InterviewReport } from "@/components/interview/interview-report";
import { InterviewRunner } from "@/components/interview/interview-runner";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { orNotFound } from "@/lib/server/not-found";
import { getInterview } from "@/lib/server/practice/interview-queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ sessionId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.interview.title };
}

/** A mock interview in progress, or its report once every item is checked. */
export default async function InterviewSessionPage({ params }: Props) {
  const { t } = await getMessages();
  const { sessionId } = await params;
  const view = await orNotFound(
    getInterview(db, { learnerId: await getLearnerId(), sessionId, now: new Date() }),
  );
  return (
    <>
      <div className="page-title">
        <h1>
          {t.interview.title}: {view.deck.title}
        </h1>
      </div>
      {view.finishedAt ? (
        <InterviewReport view={view} t={t.interview} />
      ) : (
        <InterviewRunner
          initial={{ id: view.id, items: view.items, secondsPerQuestion: view.secondsPerQuestion }}
          aspectTitles={Object.fromEntries(view.deck.aspects.map((a) => [a.key, a.title]))}
          t={t.interview}
          errorText={t.practice.errors.network}
          tl={t.limits}
        />
      )}
    </>
  );
}
