import type { Metadata } from "next";
import Link from "next/link";
import { FsrsOptimisationPanel } from "@/components/study/fsrs-optimisation-panel";
import { SettingsForm } from "@/components/study/settings-form";
import { MIN_REVIEWS_FOR_OPTIMISATION } from "@/lib/core/study/fsrs-history";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { getFsrsOptimisationState } from "@/lib/server/study/fsrs-optimiser/jobs";
import { getStudySettings } from "@/lib/server/study/learner-settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.settings.title };
}

export default async function StudySettingsPage() {
  const { t, locale } = await getMessages();
  const learnerId = await getLearnerId();
  const [settings, optimisation] = await Promise.all([
    getStudySettings(db, learnerId),
    getFsrsOptimisationState(db, { learnerId }),
  ]);
  return (
    <>
      <p>
        <Link href="/study">← {t.study.title}</Link>
      </p>
      <h1>{t.settings.title}</h1>
      <SettingsForm settings={settings} t={t.settings} tl={t.limits} />
      <FsrsOptimisationPanel
        initial={optimisation}
        minimumReviews={MIN_REVIEWS_FOR_OPTIMISATION}
        locale={locale}
        timeZone={settings.timeZone}
        t={t.settings.fsrs}
        tl={t.limits}
      />
    </>
  );
}
