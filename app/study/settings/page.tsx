import type { Metadata } from "next";
import Link from "next/link";
import { SettingsForm } from "@/components/study/settings-form";
import { getMessages } from "@/lib/i18n/server";
import { db } from "@/lib/server/db";
import { getLearnerId } from "@/lib/server/learners";
import { getStudySettings } from "@/lib/server/study/learner-settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.settings.title };
}

export default async function StudySettingsPage() {
  const { t } = await getMessages();
  const settings = await getStudySettings(db, await getLearnerId());
  return (
    <>
      <p>
        <Link href="/study">← {t.study.title}</Link>
      </p>
      <h1>{t.settings.title}</h1>
      <SettingsForm settings={settings} t={t.settings} tl={t.limits} />
    </>
  );
}
