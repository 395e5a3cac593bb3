import type { Metadata } from "next";
import Link from "next/link";
import type { Messages } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/server";

type Section = keyof Messages["nav"];

export async function comingSoonMetadata(section: Section): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.nav[section] };
}

/** Placeholder for a section whose issue has not landed yet. */
export async function ComingSoon({ section }: { section: Section }) {
  const { t } = await getMessages();
  return (
    <section className="card">
      <h1>{t.nav[section]}</h1>
      <p>
        <strong>{t.common.comingSoon}.</strong> {t.common.comingSoonText}
      </p>
      <Link className="button" href="/study">
        {t.common.toStudy}
      </Link>
    </section>
  );
}
