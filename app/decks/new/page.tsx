import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DocumentPreviewer } from "@/components/decks/document-previewer";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.newDeck.title };
}

export default async function NewDeckPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login?next=/decks/new");
  const { t } = await getMessages();
  return (
    <>
      <h1>{t.newDeck.title}</h1>
      <p className="muted">{t.newDeck.lead}</p>
      <DocumentPreviewer
        t={t.newDeck}
        tk={t.study.kinds}
        tl={t.limits}
        save={{ url: "/api/decks", method: "POST" }}
      />
    </>
  );
}
